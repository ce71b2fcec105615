import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyServiceUrl } from "@/lib/s3/service-url";

describe("classifyServiceUrl", () => {
  it.each([
    ["https://s3.eu-west-1.amazonaws.com", "https://s3.eu-west-1.amazonaws.com", "eu-west-1"],
    ["https://s3.us-east-2.amazonaws.com/", "https://s3.us-east-2.amazonaws.com", "us-east-2"],
    ["s3.ap-southeast-2.amazonaws.com", "https://s3.ap-southeast-2.amazonaws.com", "ap-southeast-2"],
    ["https://s3-eu-west-1.amazonaws.com", "https://s3-eu-west-1.amazonaws.com", "eu-west-1"],
    ["https://s3.dualstack.eu-central-1.amazonaws.com", "https://s3.dualstack.eu-central-1.amazonaws.com", "eu-central-1"],
    ["https://s3-fips.us-gov-west-1.amazonaws.com", "https://s3-fips.us-gov-west-1.amazonaws.com", "us-gov-west-1"],
    ["https://s3.cn-north-1.amazonaws.com.cn", "https://s3.cn-north-1.amazonaws.com.cn", "cn-north-1"],
    ["HTTPS://S3.EU-WEST-3.AMAZONAWS.COM", "https://s3.eu-west-3.amazonaws.com", "eu-west-3"],
  ])("recognizes the AWS regional endpoint %s", (input, url, region) => {
    const result = classifyServiceUrl(input);
    expect(result).toMatchObject({ ok: true, kind: "aws", url, region });
  });

  it("accepts the global endpoint without a region, with a warning", () => {
    const result = classifyServiceUrl("https://s3.amazonaws.com");
    expect(result).toMatchObject({ ok: true, kind: "aws", url: "https://s3.amazonaws.com", region: undefined });
    expect(result.ok && result.warnings.join(" ")).toMatch(/global endpoint/);
  });

  it("warns about a well-formed region it does not know", () => {
    const result = classifyServiceUrl("https://s3.eu-westt-9.amazonaws.com");
    expect(result).toMatchObject({ ok: true, kind: "aws", region: "eu-westt-9" });
    expect(result.ok && result.warnings.join(" ")).toMatch(/not a region this app knows/);
  });

  it("warns when it had to assume https://", () => {
    const result = classifyServiceUrl("s3.eu-west-1.amazonaws.com");
    expect(result.ok && result.warnings.join(" ")).toMatch(/https:\/\/ was assumed/);
  });

  it.each([
    ["https://minio.example.com:9000", "https://minio.example.com:9000", false],
    ["https://storage.example.org", "https://storage.example.org", false],
    ["http://127.0.0.1:4569", "http://127.0.0.1:4569", true],
    ["http://localhost:4569/", "http://localhost:4569", true],
    ["http://[::1]:4569", "http://[::1]:4569", true],
    // Syntax only: whether plain http may be called is the server's egress guard's decision.
    ["http://minio.example.com", "http://minio.example.com", false],
  ])("accepts the custom endpoint %s with a warning", (input, url, local) => {
    const result = classifyServiceUrl(input);
    expect(result).toMatchObject({ ok: true, kind: "custom", url, local });
    expect(result.ok && result.warnings.length).toBeGreaterThan(0);
  });

  it.each([
    [undefined],
    [""],
    ["   "],
  ])("treats %j as no service URL", (input) => {
    expect(classifyServiceUrl(input)).toEqual({ ok: true, kind: "none", warnings: [] });
  });

  it.each([
    ["http://s3.eu-west-1.amazonaws.com", "https-required"],
    ["http://ec2.eu-west-1.amazonaws.com", "https-required"],
    ["ftp://s3.eu-west-1.amazonaws.com", "scheme"],
    ["mailto:someone@example.com", "scheme"],
    ["https://", "malformed"],
    ["https://exa mple.com", "malformed"],
    ["https://user:pass@s3.eu-west-1.amazonaws.com", "credentials-in-url"],
    ["https://s3.eu-west-1.amazonaws.com/my-bucket", "path"],
    ["https://s3.eu-west-1.amazonaws.com?x=1", "query"],
    ["https://s3.eu-west-1.amazonaws.com#frag", "query"],
    ["https://my-bucket.s3.eu-west-1.amazonaws.com", "bucket-in-host"],
    ["https://s3-accelerate.amazonaws.com", "unrecognized-aws-host"],
    ["https://ec2.eu-west-1.amazonaws.com", "unrecognized-aws-host"],
    [42, "type"],
  ])("rejects %j (%s)", (input, rule) => {
    const result = classifyServiceUrl(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.rule).toBe(rule);
  });

  it("tells how to fix a pasted bucket URL", () => {
    const result = classifyServiceUrl("https://s3.eu-west-1.amazonaws.com/my-bucket/exports/");
    expect(result.ok ? "" : result.problems[0]?.message).toMatch(/bucket "my-bucket".*use https:\/\/s3\.eu-west-1\.amazonaws\.com/);
    const hosted = classifyServiceUrl("https://my-bucket.s3.eu-west-1.amazonaws.com");
    expect(hosted.ok ? "" : hosted.problems[0]?.message).toMatch(/Use https:\/\/s3\.eu-west-1\.amazonaws\.com/);
  });

  it("never throws on random input", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 100 }), (text) => {
        expect(typeof classifyServiceUrl(text).ok).toBe("boolean");
      }),
      { numRuns: 300 },
    );
  });
});
