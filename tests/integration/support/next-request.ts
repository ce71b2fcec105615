// Server actions run outside Next here: these mocks stand in for the request scope (session
// cookie, sandbox cookie, revalidation) so the real action code runs unchanged.
import { vi } from "vitest";
import type { Role } from "@/lib/auth/roles";

export const request = {
  /** What the session cookie says: the user and the server-side session it names. */
  user: null as null | { id: string; email: string; name: string; role: Role; sessionId: string },
  cookies: new Map<string, string>(),
};

/**
 * The session cookie a browser of `request.user` would send: a real next-auth JWT, encrypted with
 * the console's secret, so the console's own cookie reading (lib/auth/session-claims.ts) runs.
 */
async function sessionCookie(): Promise<[string, string] | undefined> {
  if (!request.user) return undefined;
  const { encode } = await import("next-auth/jwt");
  const { serverEnv } = await import("@/lib/env");
  const { id, email, name, role, sessionId } = request.user;
  const value = await encode({ token: { sub: id, email, name, role, sid: sessionId }, secret: serverEnv().AUTH_SECRET });
  // next-auth's cookie name: the __Secure- one when the console's URL is https.
  return [process.env.NEXTAUTH_URL?.startsWith("https://") ? "__Secure-next-auth.session-token" : "next-auth.session-token", value];
}

vi.mock("next/server", async (original) => ({ ...(await original<object>()), connection: vi.fn(async () => undefined) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/headers", () => ({
  cookies: vi.fn(async () => {
    const jar = new Map(request.cookies);
    const session = await sessionCookie();
    if (session) jar.set(...session);
    return {
      get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      set: (name: string, value: string) => request.cookies.set(name, value),
    };
  }),
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
