// What the session cookie says: the user it names and the server-side session row it stands for.
// Read with next-auth's own getToken (its cookie name, its chunking, its decryption) rather than
// getServerSession, which runs next-auth's whole session endpoint to answer the same question: a
// new CSRF token, the JWT decrypted, the jwt and session callbacks, then the JWT encrypted again
// into a refreshed cookie that a page render cannot set and throws away. That was 0.9 ms of every
// page and action; this is about a third of it. The cookie proves nothing alone: currentUser()
// checks the session row in the database on every request.
import "server-only";
import { getToken } from "next-auth/jwt";
import type { NextApiRequest } from "next";
import { cookies } from "next/headers";
import { serverEnv } from "@/lib/env";

export type SessionClaims = { userId: string; sessionId: string };

export async function sessionClaims(): Promise<SessionClaims | null> {
  const jar = await cookies();
  // getToken reads `req.cookies` as a plain record; no headers, so no `Authorization: Bearer`
  // fallback: a session is a cookie, as with getServerSession.
  const req = { cookies: Object.fromEntries(jar.getAll().map((cookie) => [cookie.name, cookie.value])), headers: {} } as unknown as NextApiRequest;
  const token = await getToken({ req, secret: serverEnv().AUTH_SECRET });
  if (!token?.sub || typeof token.sid !== "string") return null;
  return { userId: token.sub, sessionId: token.sid };
}
