import { describe, expect, it } from "vitest";
import { measureInRounds } from "../../../bench/rounds";

describe("measureInRounds", () => {
  it("measures every target once per round, in the same order each round", async () => {
    const order: string[] = [];
    const result = await measureInRounds(3, ["floor", "a", "b"], async (target, round) => {
      order.push(`${round}:${target}`);
      return `${target}#${round}`;
    });
    expect(order).toEqual(["0:floor", "0:a", "0:b", "1:floor", "1:a", "1:b", "2:floor", "2:a", "2:b"]);
    expect(result.runs.get("a")).toEqual(["a#0", "a#1", "a#2"]);
    expect(result.runs.get("floor")).toEqual(["floor#0", "floor#1", "floor#2"]);
    expect(result.failed.size).toBe(0);
  });

  it("drops a target that throws from the later rounds and keeps measuring the others", async () => {
    const order: string[] = [];
    const result = await measureInRounds(3, ["floor", "broken", "b"], async (target, round) => {
      order.push(`${round}:${target}`);
      if (target === "broken" && round === 1) throw new Error("NO_FCP twice");
      return round;
    });
    expect(order).toEqual(["0:floor", "0:broken", "0:b", "1:floor", "1:broken", "1:b", "2:floor", "2:b"]);
    expect(result.failed.get("broken")).toBe("NO_FCP twice");
    expect(result.runs.has("broken")).toBe(false);
    expect(result.runs.get("b")).toEqual([0, 1, 2]);
  });

  it("stops every round when the target the others are compared with fails", async () => {
    const order: string[] = [];
    const result = await measureInRounds(
      3,
      ["floor", "a"],
      async (target, round) => {
        order.push(`${round}:${target}`);
        if (target === "floor" && round === 1) throw new Error("floor lost");
        return round;
      },
      { stopOnFailureOf: "floor" },
    );
    expect(order).toEqual(["0:floor", "0:a", "1:floor"]);
    expect(result.failed.get("floor")).toBe("floor lost");
    expect(result.runs.get("a")).toEqual([0]);
  });
});
