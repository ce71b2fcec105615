// Server actions run outside Next here: these mocks stand in for the request scope (session
// cookie, sandbox cookie, revalidation) so the real action code runs unchanged.
import { vi } from "vitest";
import type { Role } from "@/lib/auth/roles";

export const request = {
  user: null as null | { id: string; email: string; name: string; role: Role },
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

/** Acts as a signed-in user of that role (created in the database when missing), or anonymous. */
export async function signInForTest(role: Role | null): Promise<void> {
  if (!role) {
    request.user = null;
    return;
  }
  const { db } = await import("@/lib/db");
  const email = `${role}@example.com`;
  const user = await db.user.upsert({ where: { email }, update: { role }, create: { email, name: role, role, passwordHash: "not-a-real-hash" } });
  request.user = { id: user.id, email, name: role, role };
}
