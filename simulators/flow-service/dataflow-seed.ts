/**
 * Dataflows for synthetic connections, derived from each connection's id (the same connection
 * always gets the same dataflows). About 60 % of connections feed one to three flows; schedules
 * are mostly daily or hourly, some every 15 minutes (thousands of runs in the retention window),
 * a few run once. Credential failures are per connection, as in life: about 45 % of connections
 * with a session token have it expired, some others are denied access, in both cases since a
 * moment in the last ten days; every flow of such a connection fails from then on, until its
 * credentials are patched.
 */
import type { SeededFailureCode, StoredFlow, StoredSourceConnection, Schedule } from "./dataflow-model";
import { newEtag } from "./etag";
import { hashString, hex, mulberry32, pick, uuidFrom, type Rng } from "./prng";
import type { StoredConnection } from "./types";

const DATASETS = ["customers", "orders", "events", "profiles", "products", "consents"];
const FORMATS = ["delimited", "json", "parquet"] as const;
const HOUR = 3_600_000;

function schedule(rng: Rng, createdAt: number): Schedule {
  const roll = rng();
  const startTime = Math.floor(createdAt / 1000) + Math.floor(rng() * 86_400);
  if (roll < 0.15) return { startTime, frequency: "minute", interval: 15 };
  if (roll < 0.45) return { startTime, frequency: "hour", interval: 1 };
  if (roll < 0.95) return { startTime, frequency: "day", interval: 1 };
  return { startTime, frequency: "once", interval: 1 };
}

function failureFor(connection: StoredConnection, rng: Rng, now: number): { code: SeededFailureCode; since: number } | undefined {
  const since = now - HOUR - Math.floor(rng() * 10 * 24 * HOUR);
  if (connection.auth.params.s3SessionToken && rng() < 0.45) return { code: "ExpiredToken", since };
  if (rng() < 0.05) return { code: "AccessDenied", since };
  return undefined;
}

export function seedDataflows(connections: StoredConnection[], input: { clientId: string; now: number }): { sources: StoredSourceConnection[]; flows: StoredFlow[] } {
  const sources: StoredSourceConnection[] = [];
  const flows: StoredFlow[] = [];
  const by = `${input.clientId}@AdobeID`;
  for (const connection of connections) {
    const rng = mulberry32(hashString(`flow-sim-dataflows/${connection.id}`));
    const roll = rng();
    const count = roll < 0.4 ? 0 : roll < 0.75 ? 1 : roll < 0.95 ? 2 : 3;
    const failure = failureFor(connection, rng, input.now);
    const bucket = connection.auth.params.bucketName ?? "bucket";
    const folder = connection.auth.params.folderPath ?? "";
    for (let i = 0; i < count; i++) {
      const dataset = pick(rng, DATASETS);
      const createdAt = connection.createdAt + Math.floor(rng() * 86_400_000);
      const audit = { createdAt, updatedAt: createdAt, createdBy: by, updatedBy: by, createdClient: input.clientId, updatedClient: input.clientId };
      const source: StoredSourceConnection = {
        id: uuidFrom(rng),
        sandboxName: connection.sandboxName,
        name: `${dataset} source ${i + 1}`,
        baseConnectionId: connection.id,
        format: pick(rng, FORMATS),
        path: `/${bucket}/${folder ? `${folder}/` : ""}${dataset}`,
        etag: newEtag(createdAt, hex(rng, 8)),
        ...audit,
      };
      const disabled = connection.state === "disabled" || rng() < 0.05;
      const plan = schedule(rng, createdAt);
      flows.push({
        id: uuidFrom(rng),
        sandboxName: connection.sandboxName,
        name: `${bucket} ${dataset} ${plan.frequency === "minute" ? "every 15 min" : plan.frequency === "once" ? "one-time" : plan.frequency === "hour" ? "hourly" : "daily"}`,
        state: disabled ? "disabled" : "enabled",
        sourceConnectionId: source.id,
        targetConnectionId: uuidFrom(rng),
        mappingId: hex(rng, 32),
        schedule: plan,
        etag: newEtag(createdAt, hex(rng, 8)),
        mode: "synthetic",
        ...(failure ? { failure } : {}),
        ...audit,
        // A disabled flow stopped running when it was last updated.
        ...(disabled ? { updatedAt: Math.max(createdAt, connection.updatedAt) } : {}),
      });
      sources.push(source);
    }
  }
  return { sources, flows };
}
