import { describe, expect, it, vi } from "vitest";
import { DecodedCookies, type Decoded } from "@/lib/auth/decoded-cookies";

type Claims = { userId: string };

/** A decoder that counts its calls and answers what it is told. */
function decoder(answer: Decoded<Claims> | null) {
  return vi.fn(async () => answer);
}

describe("DecodedCookies", () => {
  const secret = "a-secret-of-the-console-32-chars-long!";

  it("decodes a cookie once and answers from memory until its expiry", async () => {
    let now = 1_000;
    const cache = new DecodedCookies<Claims>(10, () => now);
    const decode = decoder({ claims: { userId: "u1" }, reusableUntilMs: 5_000 });
    expect(await cache.claims(secret, "cookie-1", decode)).toEqual({ userId: "u1" });
    expect(await cache.claims(secret, "cookie-1", decode)).toEqual({ userId: "u1" });
    expect(decode).toHaveBeenCalledTimes(1);
    now = 5_000;
    const expired = decoder(null);
    expect(await cache.claims(secret, "cookie-1", expired)).toBeNull();
    expect(expired).toHaveBeenCalledTimes(1);
    expect(cache.size).toBe(0);
  });

  it("keeps nothing for a cookie that does not decode, and asks again next time", async () => {
    const cache = new DecodedCookies<Claims>(10, () => 0);
    const decode = decoder(null);
    expect(await cache.claims(secret, "forged", decode)).toBeNull();
    expect(await cache.claims(secret, "forged", decode)).toBeNull();
    expect(decode).toHaveBeenCalledTimes(2);
    expect(cache.size).toBe(0);
  });

  it("answers but does not keep a token that gives no time to keep it", async () => {
    const cache = new DecodedCookies<Claims>(10, () => 1_000);
    const decode = decoder({ claims: { userId: "u1" }, reusableUntilMs: 0 });
    expect(await cache.claims(secret, "no-expiry", decode)).toEqual({ userId: "u1" });
    expect(await cache.claims(secret, "no-expiry", decode)).toEqual({ userId: "u1" });
    expect(decode).toHaveBeenCalledTimes(2);
  });

  it("does not answer a cookie from another secret's entry", async () => {
    const cache = new DecodedCookies<Claims>(10, () => 0);
    await cache.claims(secret, "cookie-1", decoder({ claims: { userId: "u1" }, reusableUntilMs: 10 }));
    const underNewSecret = decoder(null);
    expect(await cache.claims("another-secret-of-32-characters-or-more", "cookie-1", underNewSecret)).toBeNull();
    expect(underNewSecret).toHaveBeenCalledTimes(1);
  });

  it("holds at most its bound, dropping the oldest entry first", async () => {
    const cache = new DecodedCookies<Claims>(2, () => 0);
    for (const id of ["a", "b", "c"]) await cache.claims(secret, id, decoder({ claims: { userId: id }, reusableUntilMs: 10 }));
    expect(cache.size).toBe(2);
    const again = decoder({ claims: { userId: "a" }, reusableUntilMs: 10 });
    await cache.claims(secret, "a", again);
    expect(again).toHaveBeenCalledTimes(1);
    const kept = decoder(null);
    expect(await cache.claims(secret, "c", kept)).toEqual({ userId: "c" });
    expect(kept).not.toHaveBeenCalled();
  });
});
