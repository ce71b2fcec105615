// An action's prefetch (lib/actions/define-action.ts) starts before the caller is authorised, to
// save a database round trip. What may start it, and what happens to its result, is the security
// question: only a cookie the console encrypted, only arguments that passed their schemas, and a
// refused caller gets the same refusal as before, with the prefetch's result (or failure) dropped.
import "../support/next-request";
import { encode } from "next-auth/jwt";
import { beforeEach, describe, expect, inject, it } from "vitest";
import { remoteIdArg } from "@/lib/actions/args";
import { defineAction } from "@/lib/actions/define-action";
import { ok } from "@/lib/actions/result";
import { revokeSession } from "@/lib/auth/sessions";
import { availableSandboxes } from "@/lib/sandbox/current";
import { resetDatabase } from "../support/reset";
import { request, signInForTest } from "../support/next-request";

const calls: string[] = [];
let failPrefetch = false;

const probeAction = defineAction({
  name: "probeAction",
  permission: "connections:rotate",
  args: [remoteIdArg],
  prefetch: async (sandbox, remoteId) => {
    calls.push(`prefetch ${sandbox} ${remoteId}`);
    if (failPrefetch) throw new Error("the database connection was lost");
    return { read: remoteId };
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
    failPrefetch = false;
    request.cookies.clear();
  });

  it("reaches the run of an allowed caller with what it read", async () => {
    await signInForTest("operator");
    const result = await probeAction("conn-1");
    expect(result).toEqual({ ok: true, data: { read: "conn-1" } });
    expect(calls).toEqual([`prefetch ${availableSandboxes()[0]} conn-1`, "run conn-1"]);
  });

  it("never starts without a session cookie, or with one the console did not encrypt", async () => {
    await signInForTest(null);
    expect(await probeAction("conn-1")).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
    const forged = await encode({ token: { sub: "00000000-0000-4000-8000-000000000000", sid: "00000000-0000-4000-8000-000000000001" }, secret: "a secret that is not the console's, 32+ chars" });
    request.cookies.set("next-auth.session-token", forged);
    expect(await probeAction("conn-1")).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
    expect(calls).toEqual([]);
  });

  it("never starts for arguments that fail their schema; the error is the argument's", async () => {
    await signInForTest("operator");
    expect(await probeAction("not a valid id!")).toMatchObject({ ok: false, error: { code: "validation" } });
    expect(calls).toEqual([]);
  });

  it("is dropped for a caller refused after it started: a revoked session, a role without the permission", async () => {
    await signInForTest("operator");
    await revokeSession(request.user!.sessionId);
    expect(await probeAction("conn-1")).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
    await signInForTest("viewer");
    expect(await probeAction("conn-2")).toMatchObject({ ok: false, error: { code: "forbidden" } });
    // Started (it does not wait for the verdict), never handed to a run.
    expect(calls).toEqual([`prefetch ${availableSandboxes()[0]} conn-1`, `prefetch ${availableSandboxes()[0]} conn-2`]);
  });

  it("fails the call of an allowed caller as the run's own read would, and is silent for a refused one", async () => {
    failPrefetch = true;
    await signInForTest("viewer");
    // A rejected prefetch that nobody awaited would be an unhandled rejection, which fails this run.
    expect(await probeAction("conn-1")).toMatchObject({ ok: false, error: { code: "forbidden" } });
    await signInForTest("operator");
    expect(await probeAction("conn-1")).toMatchObject({ ok: false, error: { code: "internal" } });
    expect(calls.filter((call) => call.startsWith("run"))).toEqual([]);
  });
});
