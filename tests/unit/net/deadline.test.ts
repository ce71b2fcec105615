import { describe, expect, it } from "vitest";
import { isTimeoutReason } from "@/lib/flow-service/abort";
import { callDeadline, withDeadline } from "@/lib/net/deadline";

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

  it("runs a call under a deadline of its own, cleared once the call settles", async () => {
    let given: AbortSignal | undefined;
    expect(await withDeadline(20, async (signal) => ((given = signal), "answer"))).toBe("answer");
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(given?.aborted).toBe(false);
    const slow = withDeadline(20, (signal) => new Promise((_resolve, reject) => signal.addEventListener("abort", () => reject(signal.reason), { once: true })));
    await expect(slow).rejects.toMatchObject({ name: "TimeoutError" });
  });
});
