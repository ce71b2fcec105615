import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { folderPrefix, normalizeFolderPath, parseBucketLocation } from "@/lib/s3/parse-location";

describe("parseBucketLocation", () => {
  it.each([
    ["s3://my-bucket/exports/2026/", { bucket: "my-bucket", folderPath: "exports/2026", form: "s3-uri" }],
    ["s3://my-bucket", { bucket: "my-bucket", folderPath: "", form: "s3-uri" }],
    ["s3a://my-bucket/data", { bucket: "my-bucket", folderPath: "data", form: "s3-uri" }],
    ["my-bucket/exports/2026", { bucket: "my-bucket", folderPath: "exports/2026", form: "plain" }],
    ["my-bucket", { bucket: "my-bucket", folderPath: "", form: "plain" }],
    ["  'my-bucket/a'  ", { bucket: "my-bucket", folderPath: "a", form: "plain" }],
    ["arn:aws:s3:::my-bucket/exports/2026", { bucket: "my-bucket", folderPath: "exports/2026", form: "arn" }],
    ["arn:aws:s3:::my-bucket/exports/*", { bucket: "my-bucket", folderPath: "exports", form: "arn" }],
    ["arn:aws:s3:::my-bucket", { bucket: "my-bucket", folderPath: "", form: "arn" }],
    [
      "https://my-bucket.s3.eu-west-1.amazonaws.com/exports/2026/",
      { bucket: "my-bucket", folderPath: "exports/2026", region: "eu-west-1", form: "virtual-hosted" },
    ],
    ["https://my-bucket.s3.amazonaws.com/exports/file.csv", { bucket: "my-bucket", folderPath: "exports/file.csv", form: "virtual-hosted" }],
    [
      "https://my-bucket.s3-us-west-2.amazonaws.com/x",
      { bucket: "my-bucket", folderPath: "x", region: "us-west-2", form: "virtual-hosted" },
    ],
    [
      "https://s3.us-east-2.amazonaws.com/my-bucket/exports/2026",
      { bucket: "my-bucket", folderPath: "exports/2026", region: "us-east-2", form: "path-style" },
    ],
    ["https://s3.amazonaws.com/my-bucket/a%20b/", { bucket: "my-bucket", folderPath: "a b", form: "path-style" }],
    [
      "http://127.0.0.1:4569/demo-aep-ingest/exports/2026/",
      { bucket: "demo-aep-ingest", folderPath: "exports/2026", endpoint: "http://127.0.0.1:4569", form: "path-style" },
    ],
    [
      "https://eu-west-1.console.aws.amazon.com/s3/buckets/my-bucket?region=eu-west-1&prefix=exports/2026/",
      { bucket: "my-bucket", folderPath: "exports/2026", region: "eu-west-1", form: "console" },
    ],
  ])("recognizes %s", (input, expected) => {
    expect(parseBucketLocation(input)).toEqual({ ok: true, ...expected });
  });

  it.each([
    ["", /Paste a bucket location/],
    ["s3://", /No bucket name/],
    ["gs://bucket/x", /Only Amazon S3/],
    ["arn:aws:s3:us-east-1:123456789012:accesspoint/ap", /Access point/],
    ["arn:aws:iam::123456789012:role/x", /not an S3 ARN/],
    ["https://s3.eu-west-1.amazonaws.com/", /names no bucket/],
    ["s3://my-bucket/a/../b", /"\.\." segments/],
    ["https://my-bucket.s3.amazonaws.com/%E0%A4%A", /URL encoding/],
  ])("rejects %j", (input, message) => {
    const result = parseBucketLocation(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it("never throws on random input", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 120 }), (text) => {
        const result = parseBucketLocation(text);
        expect(typeof result.ok).toBe("boolean");
      }),
      { numRuns: 300 },
    );
  });
});

describe("normalizeFolderPath", () => {
  it.each([
    ["exports/2026", "exports/2026"],
    ["/exports/2026/", "exports/2026"],
    ["exports//2026///daily", "exports/2026/daily"],
    ["  exports/2026  ", "exports/2026"],
    ["", ""],
    ["/", ""],
    ["a b/ü", "a b/ü"],
    ["v1.2/..data", "v1.2/..data"],
  ])("normalizes %j to %j", (input, path) => {
    expect(normalizeFolderPath(input)).toEqual({ ok: true, path, prefix: folderPrefix(path) });
  });

  it("uses a trailing slash only in the prefix", () => {
    expect(normalizeFolderPath("a/b")).toEqual({ ok: true, path: "a/b", prefix: "a/b/" });
    expect(normalizeFolderPath(undefined)).toEqual({ ok: true, path: "", prefix: "" });
  });

  it.each([
    ["a/../b", "dot-dot", /"\.\." segments/],
    ["..", "dot-dot", /parent folders/],
    ["a/./b", "dot", /"\." segments/],
    ["a\u0000b", "control-characters", /U\+0000 at position 2/],
    ["a\nb", "control-characters", /U\+000A/],
    ["exports\\2026", "backslash", /Windows path/],
    ["exports/*", "wildcards", /wildcards in bucket policies/],
    ["exp?rts", "wildcards", /wildcards/],
    ["a/${aws:username}", "policy-variable", /variable/],
    ["x".repeat(1023), "too-long", /at most 1022 bytes.*this one is 1023 bytes/],
    ["é".repeat(600), "too-long", /1200 bytes/],
  ])("rejects %j (%s)", (input, rule, message) => {
    const result = normalizeFolderPath(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      const problem = result.problems.find((p) => p.rule === rule);
      expect(problem?.message).toMatch(message);
    }
  });

  it("accepts the longest path that still leaves room for a file name", () => {
    expect(normalizeFolderPath("x".repeat(1022)).ok).toBe(true);
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const once = normalizeFolderPath(text);
        if (once.ok) expect(normalizeFolderPath(once.path)).toEqual(once);
      }),
      { numRuns: 300 },
    );
  });
});
