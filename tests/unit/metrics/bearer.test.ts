import { describe, expect, it } from "vitest";
import { bearerTokenMatches } from "@/lib/metrics/bearer";

const TOKEN = "metrics-token-0123456789";

describe("the metrics bearer token", () => {
  it("matches only `Bearer <METRICS_TOKEN>`", () => {
    expect(bearerTokenMatches(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(bearerTokenMatches(`bearer ${TOKEN}`, TOKEN)).toBe(true);
    for (const header of [null, "", TOKEN, `Basic ${TOKEN}`, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, "Bearer ", `Bearer ${TOKEN} extra`]) {
      expect(bearerTokenMatches(header, TOKEN), String(header)).toBe(false);
    }
  });
});
