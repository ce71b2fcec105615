// User accounts: creation and the first-start admin seed.
import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/roles";

export async function createUser(input: { email: string; name: string; role: Role; password: string }) {
  return db.user.create({
    data: {
      email: input.email.trim().toLowerCase(),
      name: input.name,
      role: input.role,
      passwordHash: await hashPassword(input.password),
    },
    select: { id: true, email: true, role: true },
  });
}

export async function userCount(): Promise<number> {
  return db.user.count();
}

/**
 * Creates the first admin when the database has no user. Returns the generated password when one
 * was generated (to print once), null when ADMIN_PASSWORD was used, undefined when nothing was done.
 */
export async function seedFirstAdmin(email: string, password?: string): Promise<{ created: boolean; generatedPassword?: string }> {
  if ((await db.user.count()) > 0) return { created: false };
  const generated = password ? undefined : randomBytes(12).toString("base64url");
  await createUser({ email, name: "Administrator", role: "admin", password: password ?? generated! });
  return { created: true, generatedPassword: generated };
}
