import { describe, expect, it } from "vitest";
import { lastSeenAt, withLastSeen } from "@/lib/connections/last-seen";

const at = (minute: number) => new Date(Date.UTC(2026, 11, 3, 12, minute));
const sync = { startedAt: at(30), finishedAt: at(31) };

describe("when a sync last saw a stored connection", () => {
  it("a row created before the last complete sync and not missing was listed by it", () => {
    expect(lastSeenAt({ lastSyncedAt: at(0), createdAt: at(0), remoteMissingSince: null }, sync)).toEqual(at(30));
  });

  it("a row created before it that no sync ever stamped was listed by it too", () => {
    expect(lastSeenAt({ lastSyncedAt: null, createdAt: at(10), remoteMissingSince: null }, sync)).toEqual(at(30));
  });

  it("a row whose own stamp is later than the sync's start keeps its stamp", () => {
    expect(lastSeenAt({ lastSyncedAt: at(45), createdAt: at(0), remoteMissingSince: null }, sync)).toEqual(at(45));
  });

  it("a row created once the sync had started was not listed by it: its own stamp, or none", () => {
    expect(lastSeenAt({ lastSyncedAt: at(40), createdAt: at(30), remoteMissingSince: null }, sync)).toEqual(at(40));
    expect(lastSeenAt({ lastSyncedAt: null, createdAt: at(40), remoteMissingSince: null }, sync)).toBeNull();
  });

  it("a missing row was not listed: its stamp is the last time it was", () => {
    expect(lastSeenAt({ lastSyncedAt: at(5), createdAt: at(0), remoteMissingSince: at(31) }, sync)).toEqual(at(5));
  });

  it("before any complete sync, the row's own stamp", () => {
    expect(lastSeenAt({ lastSyncedAt: at(5), createdAt: at(0), remoteMissingSince: null }, null)).toEqual(at(5));
    expect(lastSeenAt({ lastSyncedAt: null, createdAt: at(0), remoteMissingSince: null }, null)).toBeNull();
  });

  it("withLastSeen changes only lastSyncedAt", () => {
    const row = { id: "a", name: "orders", lastSyncedAt: at(0), createdAt: at(0), remoteMissingSince: null };
    expect(withLastSeen(row, sync)).toEqual({ ...row, lastSyncedAt: at(30) });
    expect(row.lastSyncedAt).toEqual(at(0));
  });
});
