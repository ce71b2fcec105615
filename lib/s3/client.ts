/**
 * S3 client construction for the app's few S3 calls (server-side).
 *
 * Every call gets short timeouts and at most two attempts: these calls answer
 * a person waiting on a form, so a clear failure now beats a retry storm.
 * Credentials are always passed explicitly, so the SDK never falls back to
 * this server's own AWS credentials. The endpoint is typed by users, so every
 * socket goes through the egress guard (lib/net) via the handler's agents.
 */
import { S3Client } from "@aws-sdk/client-s3";
import { guardedAgents } from "@/lib/net/agents";
import { callDeadline } from "@/lib/net/deadline";
import { outboundPolicyFromEnv, type OutboundPolicy } from "@/lib/net/allowlist";
import { awsRegionalEndpoint } from "./aws-hosts";
import { inspectS3Error, type S3ErrorInfo } from "./sdk-errors";
import { classifyServiceUrl } from "./service-url";
import type { S3Credentials } from "./types";

export const DEFAULT_TIMEOUT_MS = 8000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 3000;

/** Where requests go, resolved from the optional service URL and region. */
export type ResolvedTarget = {
  aws: boolean;
  /** Region to sign for first. */
  region: string;
  /** True when the user fixed the region (explicitly or through a regional endpoint). */
  regionPinned: boolean;
  /** Endpoint handed to the SDK; undefined lets the SDK pick AWS's regional endpoint. */
  sdkEndpoint?: string;
  forcePathStyle: boolean;
};

export type TargetInput = { endpoint?: string; region?: string; forcePathStyle?: boolean };

export function resolveTarget(input: TargetInput): { ok: true; target: ResolvedTarget } | { ok: false; message: string } {
  const region = input.region?.trim() || undefined;
  const classified = classifyServiceUrl(input.endpoint);
  if (!classified.ok) return { ok: false, message: classified.problems.map((p) => p.message).join(" ") };
  if (classified.kind === "custom") {
    return {
      ok: true,
      target: {
        aws: false,
        region: region ?? "us-east-1",
        regionPinned: region !== undefined,
        sdkEndpoint: classified.url,
        // S3-compatible services rarely support bucket host names.
        forcePathStyle: input.forcePathStyle ?? true,
      },
    };
  }
  if (classified.kind === "aws" && classified.region) {
    if (region && region !== classified.region) {
      return {
        ok: false,
        message: `The service URL ${classified.url} is for ${classified.region}, but region ${region} was given; they must match.`,
      };
    }
    const standard = classified.url === awsRegionalEndpoint(classified.region);
    return {
      ok: true,
      target: {
        aws: true,
        region: classified.region,
        regionPinned: true,
        // Dual-stack and FIPS endpoints are kept as given; the standard one is the SDK's default.
        ...(standard ? {} : { sdkEndpoint: classified.url }),
        forcePathStyle: input.forcePathStyle ?? false,
      },
    };
  }
  // No service URL, or the global endpoint: the bucket's region can be discovered.
  return {
    ok: true,
    target: { aws: true, region: region ?? "us-east-1", regionPinned: region !== undefined, forcePathStyle: input.forcePathStyle ?? false },
  };
}

/** The endpoint to show the user for a target and region. */
export function displayEndpoint(target: ResolvedTarget, region: string): string {
  return target.sdkEndpoint ?? awsRegionalEndpoint(region);
}

export type ClientOptions = {
  timeoutMs?: number;
  connectTimeoutMs?: number;
  maxAttempts?: number;
  /** Egress policy; default: this process's OUTBOUND_ALLOW. */
  outbound?: OutboundPolicy;
};

export function createS3Client(target: ResolvedTarget, region: string, credentials: S3Credentials, options: ClientOptions = {}): S3Client {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new S3Client({
    region,
    ...(target.sdkEndpoint ? { endpoint: target.sdkEndpoint } : {}),
    forcePathStyle: target.forcePathStyle,
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      ...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}),
    },
    maxAttempts: Math.min(Math.max(options.maxAttempts ?? 1, 1), 2),
    // We report wrong regions ourselves, with a fix, instead of silently following.
    followRegionRedirects: false,
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    requestHandler: {
      connectionTimeout: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      requestTimeout: timeoutMs,
      // Fresh agents per client: client.destroy() destroys them with it.
      ...guardedAgents(options.outbound ?? outboundPolicyFromEnv(process.env)),
    },
  });
}

export type Attempt<T> = { ok: true; value: T } | { ok: false; info: S3ErrorInfo };

/** Runs one SDK call under a deadline and describes any failure instead of throwing. */
export async function attempt<T>(run: (signal: AbortSignal) => Promise<T>, timeoutMs: number, caller?: AbortSignal): Promise<Attempt<T>> {
  const { signal, deadline, clear } = callDeadline(timeoutMs, caller);
  try {
    return { ok: true, value: await run(signal) };
  } catch (error) {
    return { ok: false, info: inspectS3Error(error, { timeout: deadline, caller }) };
  } finally {
    clear();
  }
}
