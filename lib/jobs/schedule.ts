// "Once per interval for the whole cluster": every instance asks at the start of each interval
// (and again half way, in case its clock runs ahead of the database's); the queue keeps one job
// per key and interval (a throttled send keyed by the interval's start), so N instances make one.
import "server-only";
import { log } from "@/lib/log";
import { enqueue } from "./enqueue";
import type { Payload, QueueName } from "./queues";

export type Schedule = { stop(): void };

export function oncePerInterval<Q extends QueueName>(queue: Q, intervalSeconds: number, jobs: () => { key: string; payload: Payload<Q> }[]): Schedule {
  if (intervalSeconds <= 0) return { stop: () => undefined };
  const intervalMs = intervalSeconds * 1000;
  const timers = new Set<NodeJS.Timeout>();
  const ask = async () => {
    for (const job of jobs()) {
      await enqueue(queue, job.payload, { singletonKey: job.key, singletonSeconds: intervalSeconds }).catch((error: unknown) =>
        log.warn({ queue, key: job.key, err: error }, "could not queue a scheduled job; the next tick tries again"),
      );
    }
  };
  const arm = (offsetMs: number) => {
    const wait = intervalMs - ((Date.now() - offsetMs) % intervalMs);
    const timer = setTimeout(() => {
      timers.delete(timer);
      arm(offsetMs);
      void ask();
    }, wait);
    timer.unref();
    timers.add(timer);
  };
  arm(Math.min(1_000, intervalMs / 10));
  arm(intervalMs / 2);
  return {
    stop() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
