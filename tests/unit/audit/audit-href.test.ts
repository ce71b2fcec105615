// The audit log's page links keep the filter the form set, and page 1 has no page parameter.
import { describe, expect, it } from "vitest";
import { auditHref } from "@/lib/audit/href";

describe("auditHref", () => {
  it("keeps actor, action and connection, and names pages after the first", () => {
    const filter = { actor: "ops@example.com", action: "connection.rotate", connection: "a b&c", page: 3 };
    expect(auditHref(filter, 2)).toBe("/audit?actor=ops%40example.com&action=connection.rotate&connection=a+b%26c&page=2");
    expect(auditHref(filter, 1)).toBe("/audit?actor=ops%40example.com&action=connection.rotate&connection=a+b%26c");
  });

  it("keeps the sandbox, including the value for events of no sandbox, and the outcome", () => {
    expect(auditHref({ sandbox: "prod", outcome: "failure", page: 1 }, 2)).toBe("/audit?sandbox=prod&outcome=failure&page=2");
    expect(auditHref({ sandbox: "(none)", page: 1 }, 1)).toBe("/audit?sandbox=%28none%29");
  });

  it("is the bare address without a filter", () => {
    expect(auditHref({ page: 2 }, 1)).toBe("/audit");
    expect(auditHref({ actor: "", page: 1 }, 2)).toBe("/audit?page=2");
  });
});
