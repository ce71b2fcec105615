// Empties the app's tables between tests (the schema and migration history stay).
import { db } from "@/lib/db";

export async function resetDatabase(): Promise<void> {
  await db.$executeRawUnsafe('TRUNCATE "AuditEvent", "Connection", "ConnectionCreation", "SignInThrottle", "UserSession", "User" CASCADE');
}
