import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeSessionCookie } from "@/lib/auth/session-cookie";

const secret = "unit-test-secret-of-at-least-32-characters";
const NAME = "next-auth.session-token";

function cookieFor(token: Record<string, unknown>, options: { secret?: string; maxAge?: number } = {}) {
  return encode({ token, secret: options.secret ?? secret, maxAge: options.maxAge });
}

describe("decodeSessionCookie", () => {
  it("reads the user and the session a next-auth cookie names", async () => {
    const value = await cookieFor({ sub: "user-1", sid: "session-1" });
    expect(await decodeSessionCookie([{ name: "sandbox", value: "prod" }, { name: NAME, value }], secret)).toEqual({ userId: "user-1", sessionId: "session-1" });
    // The second reading (from memory) says the same.
    expect(await decodeSessionCookie([{ name: NAME, value }], secret)).toEqual({ userId: "user-1", sessionId: "session-1" });
  });

  it("reads a cookie split into chunks, as next-auth writes a large one", async () => {
    const value = await cookieFor({ sub: "user-2", sid: "session-2" });
    const half = Math.floor(value.length / 2);
    const jar = [
      { name: `${NAME}.1`, value: value.slice(half) },
      { name: `${NAME}.0`, value: value.slice(0, half) },
    ];
    expect(await decodeSessionCookie(jar, secret)).toEqual({ userId: "user-2", sessionId: "session-2" });
  });

  it("refuses a cookie sealed with another secret, even after the genuine one was read", async () => {
    const value = await cookieFor({ sub: "user-3", sid: "session-3" });
    expect(await decodeSessionCookie([{ name: NAME, value }], secret)).not.toBeNull();
    expect(await decodeSessionCookie([{ name: NAME, value }], "another-secret-of-at-least-32-characters")).toBeNull();
    const forged = await cookieFor({ sub: "user-3", sid: "session-3" }, { secret: "another-secret-of-at-least-32-characters" });
    expect(await decodeSessionCookie([{ name: NAME, value: forged }], secret)).toBeNull();
  });

  it("refuses an expired cookie, one without a session id, garbage and no cookie at all", async () => {
    const expired = await cookieFor({ sub: "user-4", sid: "session-4" }, { maxAge: -60 });
    const noSession = await cookieFor({ sub: "user-4" });
    expect(await decodeSessionCookie([{ name: NAME, value: expired }], secret)).toBeNull();
    expect(await decodeSessionCookie([{ name: NAME, value: noSession }], secret)).toBeNull();
    expect(await decodeSessionCookie([{ name: NAME, value: "not-a-jwe" }], secret)).toBeNull();
    expect(await decodeSessionCookie([{ name: "next-auth.csrf-token", value: "x" }], secret)).toBeNull();
  });
});
