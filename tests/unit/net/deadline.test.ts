import { describe, expect, it } from "vitest";
import { isTimeoutReason } from "@/lib/flow-service/abort";
import { callDeadline } from "@/lib/net/deadline";

describe("an outbound call's deadline", () => {
  it("aborts the call with a timeout once its time is up", async () => {
    const { signal, deadline } = callDeadline(20);
    await new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
    expect(deadline.aborted).toBe(true);
    expect(isTimeoutReason(signal.reason)).toBe(true);
  });

  it("never fires once cleared", async () => {
    const { signal, clear } = callDeadline(20);
    clear();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(signal.aborted).toBe(false);
  });

  it("follows the caller's own signal, and tells it from the deadline", () => {
    const caller = new AbortController();
    const { signal, deadline, clear } = callDeadline(10_000, caller.signal);
    caller.abort(new Error("the user left"));
    expect([signal.aborted, deadline.aborted]).toEqual([true, false]);
    clear();
  });
});
