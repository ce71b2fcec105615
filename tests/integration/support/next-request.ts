// Server actions run outside Next here: these mocks stand in for the request scope (session
// cookie, sandbox cookie, revalidation) so the real action code runs unchanged.
import { vi } from "vitest";
import type { Role } from "@/lib/auth/roles";

export const request = {
  /** What the session cookie says: the user and the server-side session it names. */
  user: null as null | { id: string; email: string; name: string; role: Role; sessionId: string },
  cookies: new Map<string, string>(),
};

vi.mock("next-auth", () => ({
  getServerSession: vi.fn(async () => (request.user ? { user: { ...request.user } } : null)),
}));
vi.mock("next/server", async (original) => ({ ...(await original<object>()), connection: vi.fn(async () => undefined) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/headers", () => ({
  cookies: vi.fn(async () => ({
    get: (name: string) => (request.cookies.has(name) ? { name, value: request.cookies.get(name) } : undefined),
    set: (name: string, value: string) => request.cookies.set(name, value),
  })),
}));

/**
 * Acts as a signed-in user of that role (created, enabled, in the database when missing), with a
 * fresh server-side session as a real sign-in opens; or anonymous.
 */
export async function signInForTest(role: Role | null, email = `${role}@example.com`): Promise<void> {
  if (!role) {
    request.user = null;
    return;
  }
  const { db } = await import("@/lib/db");
  const { openSession } = await import("@/lib/auth/sessions");
  const user = await db.user.upsert({ where: { email }, update: { role, disabledAt: null }, create: { email, name: role, role, passwordHash: "not-a-real-hash" } });
  request.user = { id: user.id, email, name: role, role, sessionId: await openSession(user.id, 3600) };
}
