import { describe, expect, it } from "vitest";
import { auditTarget } from "@/lib/audit/target";

const connection = { name: "Orders landing", remoteId: "conn/1 a" };

describe("auditTarget", () => {
  it("links a connection of the sandbox on screen to its page, by its Flow Service id", () => {
    expect(auditTarget({ targetType: "connection", targetId: "conn/1 a", sandboxName: "prod", connection }, "prod")).toEqual({ label: "Orders landing", href: "/connections/conn%2F1%20a" });
  });

  it("links a run of the sandbox on screen to its page", () => {
    const runId = "f117a76d-25b5-4768-83cc-5a0fbd627d4c";
    expect(auditTarget({ targetType: "run", targetId: runId, sandboxName: "prod", connection: null }, "prod")).toEqual({ label: runId, href: `/runs/${runId}` });
  });

  it("names a target of another sandbox without a link, since its page would not find it", () => {
    expect(auditTarget({ targetType: "connection", targetId: "conn/1 a", sandboxName: "dev", connection }, "prod")).toEqual({ label: "Orders landing" });
  });

  it("names a deleted connection by its id, and sandbox-less targets by what they are", () => {
    expect(auditTarget({ targetType: "connection", targetId: "gone-1", sandboxName: "prod", connection: null }, "prod")).toEqual({ label: "gone-1" });
    expect(auditTarget({ targetType: "session", targetId: null, sandboxName: null, connection: null }, "prod")).toEqual({ label: "session" });
  });
});
