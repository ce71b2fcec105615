// The one way the console writes a moment for people: UTC, to the second or to the minute.
import { describe, expect, it } from "vitest";
import { utcClock, utcTime } from "@/lib/format/utc";

describe("utcTime", () => {
  it("writes a Date, an ISO string or epoch milliseconds in UTC, to the second by default", () => {
    const at = new Date("2026-12-04T13:25:01.284Z");
    expect(utcTime(at)).toBe("2026-12-04 13:25:01 UTC");
    expect(utcTime("2026-12-04T13:25:01.284Z")).toBe("2026-12-04 13:25:01 UTC");
    expect(utcTime(at.getTime())).toBe("2026-12-04 13:25:01 UTC");
  });

  it("drops the seconds where asked", () => {
    expect(utcTime("2026-12-04T13:25:59.999Z", "minute")).toBe("2026-12-04 13:25 UTC");
  });

  it("converts a time written with another offset, rather than printing its local clock as UTC", () => {
    expect(utcTime("2026-12-04T15:25:01+02:00")).toBe("2026-12-04 13:25:01 UTC");
  });
});

describe("utcClock", () => {
  it("is utcTime without the suffix, for columns whose header names the zone", () => {
    expect(utcClock("2026-12-04T15:25:01+02:00")).toBe("2026-12-04 13:25:01");
    expect(utcClock("2026-12-04T13:25:59.999Z", "minute")).toBe("2026-12-04 13:25");
  });
});
