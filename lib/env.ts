// The one place that reads process.env for the app. Validated with zod when first used (the start
// script and Next's instrumentation call loadServerEnv() at boot, so a bad value fails fast).
// Server and client halves are separate: only NEXT_PUBLIC_* may ever reach the browser bundle.
import "server-only";
import { z } from "zod";
import { alertsEnvSchema } from "@/lib/alerts/config";
import { authEnvSchema } from "@/lib/auth/config";
import { flowServiceEnvSchema } from "@/lib/flow-service/config";
import { jobsEnvSchema } from "@/lib/jobs/config";
import { rotationEnvSchema } from "@/lib/rotation-policy/config";
import { outboundEnvSchema } from "@/lib/net/allowlist";
import { logEnvSchema } from "@/lib/log/config";
import { renderGateEnvSchema } from "@/lib/render-gate/config";

const csv = z
  .string()
  .transform((value) => value.split(",").map((s) => s.trim()).filter(Boolean));

const postgresUrl = z
  .string()
  .refine((value) => /^postgres(ql)?:\/\//.test(value) && URL.canParse(value), {
    message: "must be a postgresql:// URL, for example postgresql://user:password@127.0.0.1:5432/console",
  });

export const serverEnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: postgresUrl,
    /** Connections of this process's query pool (the job queue has its own, smaller one). */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(100).default(10),
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters (the start script generates one)"),
    /** Sandboxes the console offers in its switcher; the first is the default. */
    CONSOLE_SANDBOXES: csv.default(["prod", "dev"]).pipe(z.array(z.string().regex(/^[a-z0-9-]{1,64}$/)).min(1)),
    /** Custom S3 endpoint for the live bucket check (the local S3 test server in demo mode). */
    S3_ENDPOINT: z.url().optional(),
    S3_CHECK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
    /** Background sync of every configured sandbox with Flow Service; 0 turns it off. */
    SYNC_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
    /** Where the console's server may assume roles to mint session tokens (issue: rotation). */
    STS_ENDPOINT: z.url().optional(),
    /** Bearer token Prometheus sends to /api/metrics; unset, the endpoint answers 404. */
    METRICS_TOKEN: z.string().min(16, "must be at least 16 characters (for example: openssl rand -hex 32)").optional(),
    /** First admin, created at start when the database has no user and ADMIN_PASSWORD is set (the container's way in). */
    ADMIN_EMAIL: z.email("must be an email address").default("admin@example.com"),
    ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").optional(),
    /** Apply pending database migrations when the server starts (instrumentation.ts). */
    MIGRATE_ON_START: z.enum(["true", "false"], "must be true or false").default("true").transform((value) => value === "true"),
    /** How long the start's migrations wait for a database that is still starting (0: not at all). */
    DATABASE_WAIT_SECONDS: z.coerce.number().int().min(0).max(600).default(30),
  })
  .and(flowServiceEnvSchema)
  .and(jobsEnvSchema)
  .and(rotationEnvSchema)
  .and(alertsEnvSchema)
  .and(authEnvSchema)
  .and(logEnvSchema)
  .and(renderGateEnvSchema)
  // OUTBOUND_ALLOW: origins the console may call although they are internal or plain http (lib/net).
  .and(outboundEnvSchema);

export type ServerEnv = z.infer<typeof serverEnvSchema>;

let cached: ServerEnv | undefined;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export function parseServerEnv(source: Record<string, string | undefined>): ServerEnv {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const result = serverEnvSchema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => {
        const name = issue.path.join(".") || "env";
        return `${name} ${name in cleaned ? issue.message : "is required"}`;
      }),
    );
  }
  return result.data;
}

export function serverEnv(): ServerEnv {
  cached ??= parseServerEnv(process.env);
  return cached;
}

/** Forgets the parsed environment (tests that switch databases or simulators). */
export function resetServerEnv(): void {
  cached = undefined;
}
