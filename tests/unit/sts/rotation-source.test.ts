import { describe, expect, it } from "vitest";
import {
  defaultSessionName,
  isValidRoleSessionName,
  rotationSourceSchema,
  roleArnProblem,
} from "@/lib/sts/rotation-source";

const ROLE = "arn:aws:iam::123456789012:role/aep-s3-rotation";

function messages(input: unknown): string[] {
  const parsed = rotationSourceSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
}

describe("rotationSourceSchema accepts", () => {
  it.each([
    ROLE,
    "arn:aws-cn:iam::123456789012:role/x",
    "arn:aws-us-gov:iam::123456789012:role/service-role/team/aep_reader+=,.@-",
    `  ${ROLE}  `,
  ])("role ARN %s", (roleArn) => {
    expect(messages({ roleArn })).toEqual([]);
  });

  it("the full source, trimmed, with a numeric string duration from a form", () => {
    const parsed = rotationSourceSchema.parse({ roleArn: ` ${ROLE} `, externalId: " ext:id/1@a.b-c=d,e+f_ ", durationSeconds: "3600" });
    expect(parsed).toEqual({ roleArn: ROLE, externalId: "ext:id/1@a.b-c=d,e+f_", durationSeconds: 3600 });
  });

  it("blank optional fields as unset", () => {
    expect(rotationSourceSchema.parse({ roleArn: ROLE, externalId: "  ", durationSeconds: "" })).toEqual({ roleArn: ROLE });
    expect(rotationSourceSchema.parse({ roleArn: ROLE, externalId: null, durationSeconds: null })).toEqual({ roleArn: ROLE });
  });

  it("the duration bounds 900 and 43200", () => {
    expect(messages({ roleArn: ROLE, durationSeconds: 900 })).toEqual([]);
    expect(messages({ roleArn: ROLE, durationSeconds: 43_200 })).toEqual([]);
  });

  it("external ids of 2 and 1224 characters", () => {
    expect(messages({ roleArn: ROLE, externalId: "ab" })).toEqual([]);
    expect(messages({ roleArn: ROLE, externalId: "a".repeat(1224) })).toEqual([]);
  });
});

describe("rotationSourceSchema rejects, saying why", () => {
  it.each([
    ["", /Enter the ARN/],
    ["aep-s3-rotation", /not an ARN.*not just the role name/],
    ["arn:aws:iam::123456789012", /incomplete/],
    ["arn:azure:iam::123456789012:role/x", /Unknown partition "azure"/],
    ["arn:aws:sts::123456789012:assumed-role/aep-s3-rotation/session", /assumed-role session, not of the role/],
    ["arn:aws:s3:::my-bucket", /"s3" service/],
    ["arn:aws:iam:us-east-1:123456789012:role/x", /IAM ARNs have no region/],
    ["arn:aws:iam::12345:role/x", /12 digits/],
    ["arn:aws:iam::123456789012:user/s3-source-console", /names a user, not a role/],
    ["arn:aws:iam::123456789012:role/", /role name/],
    ["arn:aws:iam::123456789012:role/bad name", /spaces/],
    ["arn:aws:iam::123456789012:role/bad#name", /role name/],
    [`arn:aws:iam::123456789012:role/${"a".repeat(65)}`, /role name/],
    ["arn:aws:iam::123456789012:role/path//name", /role path/],
  ])("role ARN %j", (roleArn, expected) => {
    const found = messages({ roleArn });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(expected);
    expect(roleArnProblem(roleArn.trim())).toBe(found[0]);
  });

  it("a missing role ARN", () => {
    expect(messages({})).toEqual(["Enter the ARN of the IAM role to assume."]);
  });

  it.each([
    [899, /at least 900 seconds/],
    [43_201, /at most 43200 seconds/],
    [1800.5, /whole number/],
    ["soon", /number of seconds/],
  ])("duration %j", (durationSeconds, expected) => {
    const found = messages({ roleArn: ROLE, durationSeconds });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(expected);
  });

  it.each([
    ["a", /at least 2/],
    ["a".repeat(1225), /at most 1224/],
    ["has space", /only letters, digits/],
    ["semi;colon", /only letters, digits/],
  ])("external id %j", (externalId, expected) => {
    const found = messages({ roleArn: ROLE, externalId });
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatch(expected);
  });
});

describe("defaultSessionName", () => {
  it("prefixes a readable slug of the connection name", () => {
    expect(defaultSessionName("Customers EU")).toBe("s3-console-Customers-EU");
    expect(defaultSessionName("Clé / données (2026)")).toBe("s3-console-Cle-donnees-2026");
  });

  it("keeps the characters STS allows", () => {
    expect(defaultSessionName("a+b=c,d.e@f_g-h")).toBe("s3-console-a+b=c,d.e@f_g-h");
  });

  it("falls back when nothing usable is left", () => {
    expect(defaultSessionName("")).toBe("s3-source-console");
    expect(defaultSessionName("日本語 ✓")).toBe("s3-source-console");
  });

  it("caps at 64 characters without a trailing separator", () => {
    const name = defaultSessionName(`${"x".repeat(52)} ${"y".repeat(40)}`);
    expect(name.length).toBeLessThanOrEqual(64);
    expect(name).not.toMatch(/[-.]$/);
  });

  it.each(["", " ", "a", "-", "Ünïcödé", "a".repeat(200), "../../etc", "tab\tand\nnewline", "x y z ".repeat(30)])(
    "always yields a valid RoleSessionName for %j",
    (input) => {
      const name = defaultSessionName(input);
      expect(isValidRoleSessionName(name)).toBe(true);
      expect(name.length).toBeGreaterThanOrEqual(2);
      expect(name.length).toBeLessThanOrEqual(64);
    },
  );
});

describe("isValidRoleSessionName", () => {
  it("matches STS's rule", () => {
    expect(isValidRoleSessionName("ab")).toBe(true);
    expect(isValidRoleSessionName("a".repeat(64))).toBe(true);
    expect(isValidRoleSessionName("a")).toBe(false);
    expect(isValidRoleSessionName("a".repeat(65))).toBe(false);
    expect(isValidRoleSessionName("has space")).toBe(false);
    expect(isValidRoleSessionName("colon:no")).toBe(false);
  });
});
