import { describe, expect, it } from "vitest";
import { parseInventoryQuery, inventoryHref } from "@/lib/connections/inventory-query";
import { aepDataflowUrl, describeSchedule, isFailing, nextRunAt, primaryRunError, runStatus } from "@/lib/dataflows/describe";

describe("dataflow helpers", () => {
  it("counts an enabled flow whose last run failed as failing, whatever the case Adobe writes", () => {
    expect(isFailing({ state: "enabled", lastRun: { status: "failed" } })).toBe(true);
    expect(isFailing({ state: "enabled", lastRun: { status: "Failed" } })).toBe(true);
    expect(isFailing({ state: "disabled", lastRun: { status: "failed" } })).toBe(false);
    expect(isFailing({ state: "enabled", lastRun: { status: "inProgress" } })).toBe(false);
    expect(isFailing({ state: "enabled" })).toBe(false);
    expect(runStatus("success")).toBe("success");
    expect(runStatus("weird")).toBe("unknown");
  });

  it("reads schedules as a person would", () => {
    expect(describeSchedule({ frequency: "minute", interval: 15 })).toBe("Every 15 minutes");
    expect(describeSchedule({ frequency: "hour", interval: 1 })).toBe("Hourly");
    expect(describeSchedule({ frequency: "hour", interval: 6 })).toBe("Every 6 hours");
    expect(describeSchedule({ frequency: "day" })).toBe("Daily");
    expect(describeSchedule({ frequency: "once" })).toBe("Once");
    expect(describeSchedule(undefined)).toBe("No schedule");
  });

  it("finds the next run after a moment, on the schedule's grid", () => {
    const every15 = { frequency: "minute", interval: 15, startTime: 1_000 };
    expect(nextRunAt(every15, 1_000_000)).toBe(1_000_000 + 15 * 60_000);
    expect(nextRunAt(every15, 1_000_000 + 14 * 60_000)).toBe(1_000_000 + 15 * 60_000);
    expect(nextRunAt(every15, 0)).toBe(1_000_000);
    expect(nextRunAt({ frequency: "once", startTime: 1 }, 5_000)).toBeNull();
    expect(nextRunAt({ frequency: "day" }, 5_000)).toBeNull();
  });

  it("links AEP's dataflow page, and refuses ids that could break out of the URL", () => {
    expect(aepDataflowUrl("ABC123@AdobeOrg", "prod", "f-1")).toBe("https://experience.adobe.com/#/@ABC123@AdobeOrg/sname:prod/platform/source/dataflows/f-1/activity");
    expect(aepDataflowUrl("ABC123@AdobeOrg", "prod", "f-1", "r-2")).toMatch(/\/activity\/r-2$/);
    expect(aepDataflowUrl("ABC@AdobeOrg", "prod", "../../evil")).toBeNull();
    expect(aepDataflowUrl(undefined, "prod", "f-1")).toBeNull();
  });

  it("shows the copy engine's coded error before AEP's generic step code", () => {
    const errors = [
      { code: "CONNECTOR-1001-500", message: "Error in copying the data from Source." },
      { code: "2200", message: "Amazon S3 returned ExpiredToken" },
      { message: "ErrorCode=AmazonS3OperationFailed…" },
    ];
    expect(primaryRunError(errors)?.code).toBe("2200");
    expect(primaryRunError([errors[0]!])?.code).toBe("CONNECTOR-1001-500");
    expect(primaryRunError([])).toBeNull();
  });
});

describe("inventory URL state for dataflows", () => {
  it("keeps the failing-dataflows filter and the dataflows sort in the URL, and ignores bad values", () => {
    const query = parseInventoryQuery({ dataflows: "failing", sort: "dataflows", dir: "desc" });
    expect(query).toMatchObject({ dataflows: "failing", sort: "dataflows", dir: "desc" });
    expect(inventoryHref(query, { page: 2 })).toBe("/connections?dataflows=failing&sort=dataflows&dir=desc&page=2");
    expect(parseInventoryQuery({ dataflows: "broken" }).dataflows).toBeUndefined();
  });
});
