// Empties the app's tables between tests (the schema and migration history stay), and the job
// queue's jobs when its schema exists.
import { db } from "@/lib/db";

export async function resetDatabase(): Promise<void> {
  await db.$executeRawUnsafe('TRUNCATE "AuditEvent", "Connection", "ConnectionCreation", "SignInThrottle", "UserSession", "User", "RotationRun", "RotationRunItem", "SandboxThrottle", "SandboxSync", "WebhookEndpoint", "AlertEvent", "WebhookDelivery" CASCADE');
  const [row] = await db.$queryRawUnsafe<{ installed: boolean }[]>("SELECT to_regclass('pgboss.job') IS NOT NULL AS installed");
  if (row?.installed) await db.$executeRawUnsafe("TRUNCATE pgboss.job, pgboss.archive");
}
