// What the connection page reads: the stored row and its history at once, Flow Service's view of the
// connection as a promise the page streams in (getConnectionDetail, lib/connections/detail.ts).
import { beforeEach, describe, expect, inject, it } from "vitest";
import { getConnectionDetail } from "@/lib/connections/detail";
import { createDemoConnection } from "../support/connections";
import { resetDatabase } from "../support/reset";
import { useTestServices } from "../support/use-test-services";

const actor = { email: "ops@example.com" };

/** "pending" when the promise has not settled by the time the microtasks queued now have run. */
async function stateOf(promise: Promise<unknown>): Promise<"settled" | "pending"> {
  return Promise.race([promise.then(() => "settled" as const), Promise.resolve("pending" as const)]);
}

describe(`a connection's detail (${inject("databaseTarget")})`, () => {
  const services = useTestServices({ resetDatabase: false });
  beforeEach(async () => {
    await resetDatabase();
    services.flow.clearFaults();
  });

  it("comes with the stored row and history while Flow Service's read is still in flight", async () => {
    const { remoteId, etag } = await createDemoConnection("Slow to read", actor);
    services.flow.addFault({ method: "GET", pathPattern: `/connections/${remoteId}$`, kind: "latency", latencyMs: 3_000, times: 1 });

    const detail = await getConnectionDetail("prod", remoteId);
    expect(detail?.stored).toMatchObject({ remoteId, etag, name: "Slow to read" });
    expect(detail?.history.map((event) => event.action)).toEqual(["connection.create"]);
    expect(await stateOf(detail!.live)).toBe("pending");

    const live = await detail!.live;
    expect(live).toMatchObject({ ok: true, connection: { id: remoteId, etag } });
  });

  it("resolves a failed read to its error instead of rejecting", async () => {
    const { remoteId } = await createDemoConnection("Unreadable", actor);
    services.flow.addFault({ method: "GET", pathPattern: `/connections/${remoteId}$`, kind: "status", status: 404, times: 1 });

    const live = await (await getConnectionDetail("prod", remoteId))!.live;
    expect(live).toMatchObject({ ok: false, error: { message: "Flow Service no longer has this connection." } });
  });

  it("asks Flow Service nothing for a connection the console does not store", async () => {
    services.flow.clearRequests();
    expect(await getConnectionDetail("prod", "00000000-0000-4000-8000-000000000000")).toBeNull();
    expect(services.flow.requests().filter((request) => request.method === "GET" && request.path.includes("/connections/"))).toHaveLength(0);
  });
});
