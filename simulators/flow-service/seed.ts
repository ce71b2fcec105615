/**
 * Deterministic synthetic S3 connections: the same (sandbox, startIndex, count) always yields
 * the same connections. About 70 % "Access Key" and 30 % "IAMRole Based", 15 % disabled,
 * a handful of buckets, regions and folders. 10,000 connections take a few milliseconds.
 */
import { S3_SPEC_ID, S3_SPEC_VERSION } from "./connection-spec";
import { newEtag } from "./etag";
import { hashString, hex, mulberry32, pick } from "./prng";
import type { StoredConnection } from "./types";

export const MAX_SEED = 10_000;
const BASE_TIME = Date.UTC(2024, 0, 1);
const BUCKETS = ["acme-landing", "acme-raw-data", "acme-crm-exports", "globex-analytics", "initech-ingest", "umbrella-events"];
const FOLDERS = ["incoming", "exports/daily", "crm/contacts", "events/2024", "profiles", "archive/legacy"];
const REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"];

export function seedConnections(input: { count: number; sandbox: string; clientId: string; startIndex?: number }): StoredConnection[] {
  const count = Math.max(0, Math.min(MAX_SEED, Math.floor(input.count)));
  const start = input.startIndex ?? 0;
  const rng = mulberry32(hashString(`flow-sim-seed/${input.sandbox}/${start}`));
  const out: StoredConnection[] = [];
  for (let i = 0; i < count; i++) {
    const index = start + i;
    const id = `${hex(rng, 8)}-${hex(rng, 4)}-4${hex(rng, 3)}-a${hex(rng, 3)}-${hex(rng, 12)}`;
    const bucket = pick(rng, BUCKETS);
    const folder = rng() < 0.6 ? pick(rng, FOLDERS) : undefined;
    const iam = rng() < 0.3;
    const createdAt = BASE_TIME + index * 3_600_000 + Math.floor(rng() * 1000);
    const updatedAt = createdAt + Math.floor(rng() * 7 * 86_400_000);
    const params: Record<string, string> = { bucketName: bucket };
    if (folder) params.folderPath = folder;
    if (!iam) {
      params.s3AccessKey = `AKIA${hex(rng, 16).toUpperCase()}`;
      params.s3SecretKey = hex(rng, 40);
      if (rng() < 0.2) params.s3SessionToken = hex(rng, 64);
      if (rng() < 0.5) params.serviceUrl = `https://s3.${pick(rng, REGIONS)}.amazonaws.com`;
    }
    out.push({
      id,
      name: `Seeded S3 ${String(index + 1).padStart(5, "0")} ${bucket}`,
      description: `Synthetic connection #${index + 1}${folder ? ` for ${bucket}/${folder}` : ""}`,
      sandboxName: input.sandbox,
      connectionSpec: { id: S3_SPEC_ID, version: S3_SPEC_VERSION },
      state: rng() < 0.15 ? "disabled" : "enabled",
      auth: { specName: iam ? "IAMRole Based" : "Access Key", params },
      etag: newEtag(updatedAt, hex(rng, 8)),
      createdAt,
      updatedAt,
      createdBy: `${input.clientId}@AdobeID`,
      updatedBy: `${input.clientId}@AdobeID`,
      createdClient: input.clientId,
      updatedClient: input.clientId,
    });
  }
  return out;
}
