import { describe, expect, it } from "vitest";
import { openSealed, seal } from "@/lib/crypto/seal";

const SECRET = "a-console-auth-secret-of-at-least-32-chars";

describe("sealed secrets", () => {
  it("opens what it sealed, and the sealed text does not contain the plaintext", () => {
    const sealed = seal("ASIA-CANARY-TOKEN-VALUE", SECRET, "run-credentials");
    expect(sealed).not.toContain("ASIA-CANARY");
    expect(openSealed(sealed, SECRET, "run-credentials")).toEqual({ ok: true, plaintext: "ASIA-CANARY-TOKEN-VALUE" });
  });

  it("seals the same value differently each time", () => {
    expect(seal("same", SECRET, "p")).not.toBe(seal("same", SECRET, "p"));
  });

  it("refuses another secret, another purpose and a tampered text", () => {
    const sealed = seal("value", SECRET, "run-credentials");
    expect(openSealed(sealed, `${SECRET}-rotated`, "run-credentials")).toEqual({ ok: false });
    expect(openSealed(sealed, SECRET, "webhook")).toEqual({ ok: false });
    const parts = sealed.split(".");
    const flipped = parts[3]!.startsWith("A") ? `B${parts[3]!.slice(1)}` : `A${parts[3]!.slice(1)}`;
    expect(openSealed([parts[0], parts[1], parts[2], flipped].join("."), SECRET, "run-credentials")).toEqual({ ok: false });
    expect(openSealed("not sealed", SECRET, "run-credentials")).toEqual({ ok: false });
  });

  it("opens after a value sealed under another secret, and refuses across secrets both ways", () => {
    // The key per purpose is kept between calls: a second secret must not reuse the first's key.
    const first = seal("first", SECRET, "run-credentials");
    const second = seal("second", `${SECRET}-next`, "run-credentials");
    expect(openSealed(second, `${SECRET}-next`, "run-credentials")).toEqual({ ok: true, plaintext: "second" });
    expect(openSealed(first, `${SECRET}-next`, "run-credentials")).toEqual({ ok: false });
    expect(openSealed(first, SECRET, "run-credentials")).toEqual({ ok: true, plaintext: "first" });
    expect(openSealed(second, SECRET, "run-credentials")).toEqual({ ok: false });
  });
});
