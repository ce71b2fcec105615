import { describe, expect, it } from "vitest";
import {
  BUCKET_POLICY_NOTES,
  BucketPolicyInputError,
  buildBucketPolicy,
  formatBucketPolicy,
} from "@/lib/connections/bucket-policy";

const ROLE = "arn:aws:iam::123456789012:role/adobe-aep-s3-reader";

describe("buildBucketPolicy", () => {
  it("scopes listing and reading to the folder", () => {
    const policy = buildBucketPolicy({ iamRoleArn: ROLE, bucket: "acme-exports", folderPath: "/exports//2026/" });
    expect(policy).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "AepListFolder",
          Effect: "Allow",
          Principal: { AWS: ROLE },
          Action: "s3:ListBucket",
          Resource: "arn:aws:s3:::acme-exports",
          Condition: { StringLike: { "s3:prefix": ["exports/2026/", "exports/2026/*"] } },
        },
        {
          Sid: "AepReadObjects",
          Effect: "Allow",
          Principal: { AWS: ROLE },
          Action: "s3:GetObject",
          Resource: "arn:aws:s3:::acme-exports/exports/2026/*",
        },
      ],
    });
  });

  it("grants the whole bucket, without a prefix condition, when there is no folder", () => {
    for (const folderPath of [undefined, "", "/"]) {
      const policy = buildBucketPolicy({ iamRoleArn: ROLE, bucket: "acme-exports", folderPath });
      const [list, read] = policy.Statement;
      expect(list).toMatchObject({ Sid: "AepListBucket", Action: "s3:ListBucket", Resource: "arn:aws:s3:::acme-exports" });
      expect(list?.Condition).toBeUndefined();
      expect(read).toMatchObject({ Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-exports/*" });
    }
  });

  it("reads objects only: GetObject on bucket/folder/*, never s3:Get* nor the folder object itself", () => {
    const policy = buildBucketPolicy({ iamRoleArn: ROLE, bucket: "acme-exports", folderPath: "data" });
    const actions = policy.Statement.map((s) => s.Action);
    expect(actions).toEqual(["s3:ListBucket", "s3:GetObject"]);
    const read = policy.Statement.find((s) => s.Action === "s3:GetObject");
    expect(read?.Resource.endsWith("/data/*")).toBe(true);
    expect(JSON.stringify(policy)).not.toContain("s3:Get*");
    // The bare prefix would also list siblings such as data-old/.
    expect(policy.Statement[0]?.Condition?.StringLike["s3:prefix"]).not.toContain("data");
  });

  it("keeps Sids stable and policy-safe", () => {
    const a = buildBucketPolicy({ iamRoleArn: ROLE, bucket: "acme-exports", folderPath: "x" });
    const b = buildBucketPolicy({ iamRoleArn: ROLE, bucket: "other-bucket", folderPath: "y/z" });
    expect(a.Statement.map((s) => s.Sid)).toEqual(b.Statement.map((s) => s.Sid));
    for (const s of a.Statement) expect(s.Sid).toMatch(/^[A-Za-z0-9]+$/);
  });

  it("uses the role's partition and accepts role paths", () => {
    const role = "arn:aws-cn:iam::123456789012:role/service-role/reader";
    const policy = buildBucketPolicy({ iamRoleArn: role, bucket: "acme-cn" });
    expect(policy.Statement[0]?.Resource).toBe("arn:aws-cn:s3:::acme-cn");
    expect(policy.Statement[0]?.Principal).toEqual({ AWS: role });
  });

  it("formats valid, pretty JSON that round-trips", () => {
    const policy = buildBucketPolicy({ iamRoleArn: ROLE, bucket: "acme-exports", folderPath: "exports" });
    const text = formatBucketPolicy(policy);
    expect(text).toContain('\n  "Version": "2012-10-17"');
    expect(JSON.parse(text)).toEqual(policy);
  });

  it.each([
    [{ iamRoleArn: "arn:aws:iam::12345:role/x", bucket: "acme-exports" }, "iamRoleArn"],
    [{ iamRoleArn: "arn:aws:iam::123456789012:user/bob", bucket: "acme-exports" }, "iamRoleArn"],
    [{ iamRoleArn: "not an arn", bucket: "acme-exports" }, "iamRoleArn"],
    [{ iamRoleArn: ROLE, bucket: "Acme_Exports" }, "bucket"],
    [{ iamRoleArn: ROLE, bucket: "acme.exports" }, "bucket"],
    [{ iamRoleArn: ROLE, bucket: "acme-exports", folderPath: "a/../b" }, "folderPath"],
    [{ iamRoleArn: ROLE, bucket: "acme-exports", folderPath: "a/*" }, "folderPath"],
  ])("rejects %j with a typed error naming %s", (input, field) => {
    let caught: unknown;
    try {
      buildBucketPolicy(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BucketPolicyInputError);
    const error = caught as BucketPolicyInputError;
    expect(error.problems.map((p) => p.field)).toContain(field);
    expect(error.message.length).toBeGreaterThan(10);
  });

  it("reports every bad field at once", () => {
    expect(() => buildBucketPolicy({ iamRoleArn: "x", bucket: "B", folderPath: ".." })).toThrow(BucketPolicyInputError);
    try {
      buildBucketPolicy({ iamRoleArn: "x", bucket: "B", folderPath: ".." });
    } catch (error) {
      expect(new Set((error as BucketPolicyInputError).problems.map((p) => p.field))).toEqual(new Set(["iamRoleArn", "bucket", "folderPath"]));
    }
  });

  it("explains where it is stricter than Adobe's template", () => {
    const notes = BUCKET_POLICY_NOTES.join(" ");
    expect(notes).toMatch(/s3:Get\*/);
    expect(notes).toMatch(/s3:prefix/);
    expect(notes).toMatch(/folder itself/);
  });
});
