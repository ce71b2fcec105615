// An action's prefetch (lib/actions/define-action.ts) is read in the same statement as the session
// check, to save a database round trip. What may send it, and what happens to its value, is the
// security question: only with a cookie the console encrypted and arguments that passed their
// schemas, evaluated only for a live session, and handed to the run only for an allowed caller.
import "../support/next-request";
import { encode } from "next-auth/jwt";
import { beforeEach, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { remoteIdArg } from "@/lib/actions/args";
import { defineAction } from "@/lib/actions/define-action";
import { ok } from "@/lib/actions/result";
import { revokeSession } from "@/lib/auth/sessions";
import { Prisma } from "@/lib/generated/prisma/client";
import { availableSandboxes } from "@/lib/sandbox/current";
import { resetDatabase } from "../support/reset";
import { request, signInForTest } from "../support/next-request";

const calls: string[] = [];
/** When set, the prefetch's subquery divides by zero if PostgreSQL evaluates it (random() keeps it from being folded at planning). */
let failingRead = false;

const readSchema = z.object({ read: z.string(), sandbox: z.string() });

const probeAction = defineAction({
  name: "probeAction",
  permission: "connections:rotate",
  args: [remoteIdArg],
  prefetch: {
    select: (sandbox, remoteId) => {
      calls.push(`select ${sandbox} ${remoteId}`);
      const guard = failingRead ? Prisma.sql`1 / (random() * 0)::int` : Prisma.sql`1`;
      return Prisma.sql`SELECT json_build_object('read', ${remoteId}::text, 'sandbox', ${sandbox}::text, 'guard', ${guard})`;
    },
    parse: (value) => {
      calls.push("parse");
      return readSchema.parse(value);
    },
  },
  run: async ({ prefetched }, remoteId) => {
    calls.push(`run ${remoteId}`);
    return ok(prefetched);
  },
});

describe(`an action's prefetch (${inject("databaseTarget")})`, () => {
  beforeEach(async () => {
    await resetDatabase();
    calls.length = 0;
    failingRead = false;
    request.cookies.clear();
  });

  it("reaches the run of an allowed caller with what it read, in the session check's statement", async () => {
    await signInForTest("operator");
    const result = await probeAction("conn-1");
    const sandbox = availableSandboxes()[0];
    expect(result).toEqual({ ok: true, data: { read: "conn-1", sandbox } });
    expect(calls).toEqual([`select ${sandbox} conn-1`, "parse", "run conn-1"]);
  });

  it("is never sent without a session cookie, or with one the console did not encrypt", async () => {
    await signInForTest(null);
    expect(await probeAction("conn-1")).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
    const forged = await encode({ token: { sub: "00000000-0000-4000-8000-000000000000", sid: "00000000-0000-4000-8000-000000000001" }, secret: "a secret that is not the console's, 32+ chars" });
    request.cookies.set("next-auth.session-token", forged);
    expect(await probeAction("conn-1")).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
    expect(calls).toEqual([]);
  });

  it("is never sent for arguments that fail their schema; the error is the argument's", async () => {
    await signInForTest("operator");
    expect(await probeAction("not a valid id!")).toMatchObject({ ok: false, error: { code: "validation" } });
    expect(calls).toEqual([]);
  });

  it("is not evaluated for a revoked session, and is dropped for a role without the permission", async () => {
    await signInForTest("operator");
    await revokeSession(request.user!.sessionId);
    // Evaluated, this read would fail the statement: the answer is the refusal instead.
    failingRead = true;
    expect(await probeAction("conn-1")).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
    failingRead = false;
    await signInForTest("viewer");
    expect(await probeAction("conn-2")).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const sandbox = availableSandboxes()[0];
    // Sent with both session checks, never parsed or handed to a run.
    expect(calls).toEqual([`select ${sandbox} conn-1`, `select ${sandbox} conn-2`]);
  });

  it("fails the call, with nothing run, when the read fails or its value is not what the action expects", async () => {
    await signInForTest("operator");
    failingRead = true;
    expect(await probeAction("conn-1")).toMatchObject({ ok: false, error: { code: "internal" } });
    failingRead = false;
    const malformed = defineAction({
      name: "malformedProbeAction",
      permission: "connections:rotate",
      args: [remoteIdArg],
      prefetch: { select: () => Prisma.sql`SELECT json_build_object('read', 42)`, parse: (value) => readSchema.parse(value) },
      run: async () => {
        calls.push("run malformed");
        return ok(null);
      },
    });
    expect(await malformed("conn-1")).toMatchObject({ ok: false, error: { code: "internal" } });
    expect(calls.filter((call) => call.startsWith("run"))).toEqual([]);
  });
});
