// #11 says how busy a run kept its sandbox's slots, from the console's own metrics. The parser
// reads what the console's registry really prints, so a renamed metric fails here rather than
// silently dropping the figure from the bench's note.
import { describe, expect, it } from "vitest";
import { metrics, recordSlotUse } from "@/lib/metrics";
import { describeSlotUse, parseSlotUse, slotUseBetween } from "../../../bench/slot-use";

/** The two slot metrics as the console's /api/metrics prints them (without the gauges that read the database). */
async function exposition(): Promise<string> {
  const { registry } = metrics();
  return (await Promise.all(["s3console_rotation_slot_wait_seconds", "s3console_rotation_slot_busy_seconds_total"].map((name) => registry.getSingleMetricAsString(name)))).join("\n");
}

describe("parseSlotUse", () => {
  it("reads the console's slot metrics for one sandbox, and the difference between two scrapes", async () => {
    recordSlotUse("other sandbox", 5_000, 5_000);
    const before = parseSlotUse(await exposition(), "bench-slots");
    expect(before).toBeUndefined();
    recordSlotUse("bench-slots", 40, 120);
    const once = parseSlotUse(await exposition(), "bench-slots");
    expect(once).toEqual({ uses: 1, waitedSeconds: 0.04, busySeconds: 0.12 });
    recordSlotUse("bench-slots", 0, 130);
    const twice = parseSlotUse(await exposition(), "bench-slots")!;
    const between = slotUseBetween(once, twice);
    expect(between.uses).toBe(1);
    expect(between.waitedSeconds).toBeCloseTo(0, 9);
    expect(between.busySeconds).toBeCloseTo(0.13, 9);
    expect(slotUseBetween(before, twice)).toMatchObject({ uses: 2 });
  });

  it("describes the slots' use over a run", () => {
    // 2 slots over 1 s: 1.8 s held by 10 PATCHes, so 0.2 s unused, 20 ms per PATCH.
    expect(describeSlotUse({ uses: 10, waitedSeconds: 0.5, busySeconds: 1.8 }, 2, 1_000)).toBe("its 2 slots were held 90 % of the run's 1.0 s: 180.0 ms per PATCH, 20.0 ms of slot time unused per PATCH; a PATCH waited 50.0 ms for its slot on average");
  });
});
