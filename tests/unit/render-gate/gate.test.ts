import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createRenderGate } from "@/lib/render-gate/gate";

describe("render gate", () => {
  let clock = 0;
  beforeEach(() => {
    vi.useFakeTimers();
    clock = 0;
  });
  afterEach(() => vi.useRealTimers());

  const gateOf = (limit: number, maxWaitMs = 10_000) => createRenderGate({ limit, maxWaitMs, now: () => clock });

  function holder(gate: ReturnType<typeof gateOf>, name: string, log: string[]) {
    return gate.enter(
      (waited) => log.push(`${name} in after ${waited}`),
      () => log.push(`${name} expired at ${clock}`),
    );
  }

  it("admits up to its limit at once and the rest in arrival order as places free", () => {
    const gate = gateOf(2);
    const log: string[] = [];
    const [a, b, c, d] = ["a", "b", "c", "d"].map((name) => holder(gate, name, log));
    expect(log).toEqual(["a in after 0", "b in after 0"]);
    expect(gate.stats()).toEqual({ limit: 2, inFlight: 2, waiting: 2 });
    clock = 40;
    b!.done();
    expect(log.at(-1)).toBe("c in after 40");
    clock = 55;
    a!.done();
    expect(log.at(-1)).toBe("d in after 55");
    c!.done();
    d!.done();
    expect(gate.stats()).toEqual({ limit: 2, inFlight: 0, waiting: 0 });
  });

  it("lets a waiter leave the line without ever admitting it", () => {
    const gate = gateOf(1);
    const log: string[] = [];
    const first = holder(gate, "first", log);
    const gone = holder(gate, "gone", log);
    const next = holder(gate, "next", log);
    gone.done();
    expect(gate.stats().waiting).toBe(1);
    first.done();
    expect(log).toEqual(["first in after 0", "next in after 0"]);
    next.done();
    vi.advanceTimersByTime(20_000);
    expect(log).toHaveLength(2); // the waiter who left never expires either
  });

  it("expires a waiter after the longest wait, and its place goes to the one behind", () => {
    const gate = gateOf(1, 1_000);
    const log: string[] = [];
    const first = holder(gate, "first", log);
    const late = holder(gate, "late", log);
    clock = 500;
    vi.advanceTimersByTime(500);
    const behind = holder(gate, "behind", log);
    clock = 999;
    vi.advanceTimersByTime(499);
    expect(log).toEqual(["first in after 0"]);
    clock = 1_000;
    vi.advanceTimersByTime(1);
    expect(log).toEqual(["first in after 0", "late expired at 1000"]);
    late.done(); // the server's 'close' after the 503: changes nothing
    first.done();
    expect(log.at(-1)).toBe("behind in after 500");
    expect(gate.stats()).toEqual({ limit: 1, inFlight: 1, waiting: 0 });
    behind.done();
  });

  it("frees a place once however often done() is called", () => {
    const gate = gateOf(1);
    const log: string[] = [];
    const first = holder(gate, "first", log);
    holder(gate, "second", log);
    const third = holder(gate, "third", log);
    first.done();
    first.done();
    expect(log).toEqual(["first in after 0", "second in after 0"]);
    expect(gate.stats()).toEqual({ limit: 1, inFlight: 1, waiting: 1 });
    third.done();
  });
});
