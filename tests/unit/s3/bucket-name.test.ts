import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RESERVED_BUCKET_PREFIXES, RESERVED_BUCKET_SUFFIXES, validateBucketName } from "@/lib/s3/bucket-name";

function rulesOf(name: unknown): string[] {
  const result = validateBucketName(name);
  return result.ok ? [] : result.problems.map((p) => p.rule);
}

/**
 * Every rule with names that break it and names that do not. "passes" names
 * are fully valid unless listed in `passesButInvalid`, where only this rule
 * must stay silent (another rule may fire, e.g. a dotted name).
 */
const RULES: { rule: string; fails: string[]; passes: string[]; passesButInvalid?: string[] }[] = [
  { rule: "length", fails: ["ab", "a", "a".repeat(64), `${"a".repeat(62)}-b1`], passes: ["abc", "a".repeat(63), "a1b"] },
  { rule: "lowercase", fails: ["MyBucket", "BUCKET", "bucketA"], passes: ["mybucket", "bucket-a"] },
  { rule: "characters", fails: ["my_bucket", "my@bucket", "bücket", "my/bucket", "bucket!1"], passes: ["my-bucket-1", "0-9-a-z"] },
  { rule: "no-spaces", fails: ["my bucket", " mybucket", "mybucket\t"], passes: ["my-bucket"] },
  { rule: "no-dots", fails: ["my.bucket", "a.b.c", "bucket.mrap"], passes: ["my-bucket"] },
  { rule: "adjacent-dots", fails: ["my..bucket", "a...b"], passes: ["my-bucket"], passesButInvalid: ["my.bucket"] },
  { rule: "start-end", fails: ["-bucket", "bucket-", ".bucket", "bucket.", "-b-"], passes: ["1bucket9", "a-b", "0ab"] },
  { rule: "ip-address", fails: ["192.168.5.4", "10.0.0.1"], passes: ["192-168-5-4"], passesButInvalid: ["192.168.5", "192.168.5.4a"] },
  { rule: "prefix-xn--", fails: ["xn--bucket", "xn--a"], passes: ["xn-bucket", "bucketxn--a", "axn--b"] },
  { rule: "prefix-sthree-", fails: ["sthree-bucket", "sthree-configurator-x"], passes: ["sthree", "sthreebucket", "my-sthree-bucket"] },
  { rule: "prefix-amzn-s3-demo-", fails: ["amzn-s3-demo-bucket"], passes: ["amzn-s3-demo", "amzn-s3-bucket", "my-amzn-s3-demo-x"] },
  { rule: "suffix--s3alias", fails: ["bucket-s3alias"], passes: ["bucket-s3alias-x", "bucket-s3-alias", "bucket-s3aliases"] },
  { rule: "suffix---ol-s3", fails: ["bucket--ol-s3"], passes: ["bucket-ol-s3", "bucket--ol-s3x"] },
  { rule: "suffix-.mrap", fails: ["bucket.mrap"], passes: ["bucket-mrap"], passesButInvalid: ["bucket.mrap1"] },
  { rule: "suffix---x-s3", fails: ["bucket--x-s3"], passes: ["bucket-x-s3", "bucket--x-s3a"] },
  { rule: "suffix---table-s3", fails: ["bucket--table-s3"], passes: ["bucket-table-s3", "bucket--table-s3a"] },
];

describe("validateBucketName: every rule, both ways", () => {
  for (const { rule, fails, passes, passesButInvalid = [] } of RULES) {
    it.each(fails)(`${rule}: rejects %j`, (name) => {
      expect(rulesOf(name)).toContain(rule);
    });
    it.each(passes)(`${rule}: accepts %j`, (name) => {
      expect(validateBucketName(name)).toEqual({ ok: true });
    });
    if (passesButInvalid.length > 0) {
      it.each(passesButInvalid)(`${rule}: does not fire for %j`, (name) => {
        expect(rulesOf(name)).not.toContain(rule);
        expect(rulesOf(name).length).toBeGreaterThan(0);
      });
    }
  }

  it("covers every reserved prefix and suffix AWS documents", () => {
    expect(RESERVED_BUCKET_PREFIXES.map((p) => p.prefix)).toEqual(["xn--", "sthree-", "amzn-s3-demo-"]);
    expect(RESERVED_BUCKET_SUFFIXES.map((s) => s.suffix)).toEqual(["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"]);
  });

  it("names the length and the count in plain words", () => {
    const result = validateBucketName("ab");
    expect(result).toEqual({
      ok: false,
      problems: [{ rule: "length", message: "Bucket names must be between 3 and 63 characters long (this one has 2)." }],
    });
  });

  it("reports every failed rule at once", () => {
    expect(rulesOf("-My_Bucket..")).toEqual(
      expect.arrayContaining(["lowercase", "characters", "no-dots", "adjacent-dots", "start-end"]),
    );
  });

  it("explains underscores and dots specifically", () => {
    const underscore = validateBucketName("my_bucket");
    expect(underscore.ok ? "" : underscore.problems[0]?.message).toMatch(/Underscores are not allowed/);
    const dotted = validateBucketName("my.bucket");
    expect(dotted.ok ? "" : dotted.problems[0]?.message).toMatch(/Adobe's S3 source/);
  });

  it("handles empty and non-string input", () => {
    expect(rulesOf("")).toEqual(["required"]);
    expect(rulesOf(42)).toEqual(["type"]);
    expect(rulesOf(undefined)).toEqual(["type"]);
  });

  it("counts characters, not UTF-16 units", () => {
    const result = validateBucketName("ab😀");
    expect(result.ok ? [] : result.problems.map((p) => p.rule)).not.toContain("length");
  });
});

/** Independent oracle: the rules written as one expression, to cross-check the validator. */
function oracle(name: string): boolean {
  return (
    /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(name) &&
    !RESERVED_BUCKET_PREFIXES.some((p) => name.startsWith(p.prefix)) &&
    !RESERVED_BUCKET_SUFFIXES.some((s) => name.endsWith(s.suffix))
  );
}

describe("validateBucketName: properties", () => {
  it("accepts any generated valid name", () => {
    const valid = fc
      .stringMatching(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/)
      .filter((n) => n.length <= 63 && oracle(n));
    fc.assert(
      fc.property(valid, (name) => {
        expect(validateBucketName(name)).toEqual({ ok: true });
      }),
      { numRuns: 500 },
    );
  });

  it("agrees with the oracle on strings built from the interesting characters", () => {
    const unit = fc.constantFrom(..."abcz09-._A x".split(""), "xn--", "sthree-", "-s3alias", "--x-s3", ".mrap");
    fc.assert(
      fc.property(fc.string({ unit, minLength: 0, maxLength: 30 }), (name) => {
        expect(validateBucketName(name).ok).toBe(oracle(name));
      }),
      { numRuns: 1000 },
    );
  });

  it("never throws and always explains a rejection", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary", maxLength: 80 }), fc.anything()), (input) => {
        const result = validateBucketName(input);
        if (!result.ok) {
          expect(result.problems.length).toBeGreaterThan(0);
          for (const p of result.problems) expect(p.message.length).toBeGreaterThan(10);
        }
      }),
      { numRuns: 500 },
    );
  });
});
