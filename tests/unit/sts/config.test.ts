import { describe, expect, it } from "vitest";
import { stsConfigFromEnv } from "@/lib/sts/config";

describe("stsConfigFromEnv", () => {
  it("defaults to AWS's endpoint in us-east-1", () => {
    expect(stsConfigFromEnv({})).toEqual({ region: "us-east-1" });
    expect(stsConfigFromEnv({ STS_ENDPOINT: "  ", STS_REGION: "" })).toEqual({ region: "us-east-1" });
  });

  it("reads a local or VPC endpoint and a region", () => {
    expect(stsConfigFromEnv({ STS_ENDPOINT: "http://127.0.0.1:4570/", STS_REGION: "eu-west-1" })).toEqual({
      endpoint: "http://127.0.0.1:4570",
      region: "eu-west-1",
    });
    expect(stsConfigFromEnv({ STS_REGION: "us-gov-west-1" }).region).toBe("us-gov-west-1");
  });

  it("names the bad variable", () => {
    expect(() => stsConfigFromEnv({ STS_ENDPOINT: "ftp://sts.example" })).toThrow(/STS_ENDPOINT must be an http\(s\) URL/);
    expect(() => stsConfigFromEnv({ STS_ENDPOINT: "not a url" })).toThrow(/STS_ENDPOINT/);
    expect(() => stsConfigFromEnv({ STS_REGION: "Europe" })).toThrow(/STS_REGION must be an AWS region code/);
  });
});
