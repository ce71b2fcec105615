// README's verification example, run as written, against the console's own signer: it accepts
// what the console signs and refuses tampering, other secrets, stale or future timestamps and
// malformed headers (without throwing).
import { createHmac } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { computeSignature, generateSigningSecret, signatureHeaderValue } from "@/lib/alerts/signature";
import { loadReadmeVerifier, readmeVerificationSource, type ReadmeVerifier } from "@/tests/fixtures/webhooks/readme-verifier";

let verify: ReadmeVerifier;
const secret = generateSigningSecret();
const body = JSON.stringify({ version: 1, id: "4f1d7a52-9c3e-4b8e-a0d2-6c1e5b7f9a10", type: "token.expired", text: "Token of “Orders” expired — ünïcode" });
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  verify = await loadReadmeVerifier();
});

describe("README webhook verification example", () => {
  it("is about ten lines of Node with a timestamp tolerance and a constant-time compare", () => {
    const source = readmeVerificationSource();
    expect(source.trim().split("\n").length).toBeLessThanOrEqual(12);
    expect(source).toContain("timingSafeEqual");
    expect(source).toContain("toleranceSeconds");
  });

  it("accepts what the console signs, as a string or a Buffer", () => {
    const header = signatureHeaderValue([secret], now(), body);
    expect(verify(body, header, secret)).toBe(true);
    expect(verify(Buffer.from(body, "utf8"), header, secret)).toBe(true);
  });

  it("matches an independent HMAC of `${t}.${body}`", () => {
    const t = now();
    const hex = createHmac("sha256", secret).update(`${t}.${body}`, "utf8").digest("hex");
    expect(computeSignature(secret, t, body)).toBe(hex);
    expect(verify(body, `t=${t},v1=${hex}`, secret)).toBe(true);
  });

  it("refuses a changed body, another secret, or a signature over another timestamp", () => {
    const t = now();
    const header = signatureHeaderValue([secret], t, body);
    expect(verify(body.replace("expired", "expiring"), header, secret)).toBe(false);
    expect(verify(body, header, generateSigningSecret())).toBe(false);
    expect(verify(body, header.replace(`t=${t}`, `t=${t - 1}`), secret)).toBe(false);
  });

  it("refuses timestamps outside the tolerance, in the past and in the future", () => {
    vi.useFakeTimers({ now: new Date("2026-11-30T03:00:00Z") });
    try {
      const t = now();
      expect(verify(body, signatureHeaderValue([secret], t - 301, body), secret)).toBe(false);
      expect(verify(body, signatureHeaderValue([secret], t + 301, body), secret)).toBe(false);
      expect(verify(body, signatureHeaderValue([secret], t - 299, body), secret)).toBe(true);
      expect(verify(body, signatureHeaderValue([secret], t - 30, body), secret, 10)).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it("accepts any v1 that matches (two secrets sign during a roll's overlap)", () => {
    const previous = generateSigningSecret();
    const header = signatureHeaderValue([secret, previous], now(), body);
    expect(header.match(/v1=/g)).toHaveLength(2);
    expect(verify(body, header, secret)).toBe(true);
    expect(verify(body, header, previous)).toBe(true);
    expect(verify(body, header, generateSigningSecret())).toBe(false);
  });

  it("refuses malformed headers without throwing", () => {
    const t = now();
    const hex = computeSignature(secret, t, body);
    for (const header of [undefined, "", "garbage", `v1=${hex}`, `t=${t}`, `t=abc,v1=${hex}`, `t=${t},v1=${hex.slice(0, 63)}`, `t=${t},v1=${hex.toUpperCase()}`, `t=${t},v1=${"z".repeat(64)}`, `t=${t},v0=${hex}`, `t=${t}.5,v1=${hex}`]) {
      expect(() => verify(body, header, secret), String(header)).not.toThrow();
      expect(verify(body, header, secret), String(header)).toBe(false);
    }
  });
});
