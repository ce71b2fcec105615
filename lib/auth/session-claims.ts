// What the session cookie says: the user it names and the server-side session row it stands for.
// Read with next-auth's getToken (session-cookie.ts) rather than getServerSession, which runs
// next-auth's whole session endpoint to answer the same question: a new CSRF token, the JWT
// decrypted, the jwt and session callbacks, then the JWT encrypted again into a refreshed cookie
// that a page render cannot set and throws away. That was 0.9 ms of every page and action; this is
// about a third of it, and a few microseconds for a cookie decoded before. The cookie proves
// nothing alone: currentUser() checks the session row in the database on every request.
import "server-only";
import { cookies } from "next/headers";
import { serverEnv } from "@/lib/env";
import { decodeSessionCookie, type SessionClaims } from "./session-cookie";

export type { SessionClaims };

export async function sessionClaims(): Promise<SessionClaims | null> {
  return decodeSessionCookie((await cookies()).getAll(), serverEnv().AUTH_SECRET);
}
