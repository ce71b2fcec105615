// Connections on the demo bucket, as the wizard would submit them: one builder for every test that
// needs an Azure (access-key) connection to work on.
import { randomUUID } from "node:crypto";
import type { AuditActor } from "@/lib/audit/record";
import { createConnection } from "@/lib/connections/create-connection";
import { newConnectionSchema, type NewConnection } from "@/lib/connections/schemas";
import { DEMO_ACCESS_KEY_ID, DEMO_BUCKET, DEMO_SECRET_ACCESS_KEY } from "@/simulators/s3/demo";

export type AzureOverrides = Partial<{ submissionId: string; folderPath: string; s3AccessKey: string; s3SecretKey: string; s3SessionToken: string; sessionTokenExpiresAt: string }>;

/** The validated create input for an Azure connection on the demo bucket, with the demo keys. */
export function demoAzureInput(name: string, overrides: AzureOverrides = {}): NewConnection {
  return newConnectionSchema.parse({
    platform: "azure",
    submissionId: randomUUID(),
    name,
    bucketName: DEMO_BUCKET,
    folderPath: "",
    s3AccessKey: DEMO_ACCESS_KEY_ID,
    s3SecretKey: DEMO_SECRET_ACCESS_KEY,
    ...overrides,
  });
}

/** Creates it through the domain (Flow Service simulator and database); throws if that fails. */
export async function createDemoConnection(name: string, actor: AuditActor, overrides: AzureOverrides = {}) {
  const created = await createConnection(demoAzureInput(name, overrides), actor, "prod");
  if (!created.ok) throw new Error(created.error.message);
  return created.data;
}
