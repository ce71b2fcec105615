// Shared steps of the dataflow tests: a connection on the demo bucket whose credentials were
// minted by the STS simulator (so they expire on the shared clock), and dataflows over it.
import type { AuditActor } from "@/lib/audit/record";
import { mintSessionCredentials } from "@/lib/sts";
import { DEMO_FOLDER } from "@/simulators/s3/demo";
import { DEMO_CONSOLE_ACCESS_KEY_ID, DEMO_CONSOLE_SECRET_ACCESS_KEY, DEMO_ROTATION_ROLE_ARN } from "@/simulators/sts";
import { createDemoConnection } from "../support/connections";
import type { TestServices } from "../support/local-services";

export async function mintedConnection(name: string, actor: AuditActor, durationSeconds = 900) {
  const minted = await mintSessionCredentials(
    { roleArn: DEMO_ROTATION_ROLE_ARN, durationSeconds },
    { endpoint: process.env.STS_ENDPOINT, region: "us-east-1", credentials: { accessKeyId: DEMO_CONSOLE_ACCESS_KEY_ID, secretAccessKey: DEMO_CONSOLE_SECRET_ACCESS_KEY } },
  );
  if (!minted.ok) throw new Error(`mint failed: ${minted.error.code}`);
  const created = await createDemoConnection(name, actor, { folderPath: DEMO_FOLDER, s3AccessKey: minted.accessKeyId, s3SecretKey: minted.secretAccessKey, s3SessionToken: minted.sessionToken });
  return { remoteId: created.remoteId, minted };
}

export async function addDataflows(services: TestServices, body: Record<string, unknown>): Promise<{ sourceConnectionId: string; flowIds: string[] }> {
  const response = await fetch(`${services.flow.origin}/__sim/dataflows`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const json = (await response.json()) as { sourceConnectionId: string; flowIds: string[]; detail?: string };
  if (response.status !== 201) throw new Error(`dataflows not created: ${json.detail ?? response.status}`);
  return json;
}

/** Moves the shared clock and waits for the runs that fell due. */
export async function advance(services: TestServices, ms: number): Promise<void> {
  services.clock.advance(ms);
  await services.clock.settled();
}
