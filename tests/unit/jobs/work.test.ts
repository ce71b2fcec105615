import type PgBoss from "pg-boss";
import { afterEach, describe, expect, it } from "vitest";
import { BACKSTOP_POLL_SECONDS, forgetWorkers, IDLE_POLL_SECONDS, startWorkers } from "@/lib/jobs/work";

type Registered = { id: string; options: PgBoss.WorkOptions; handler: (jobs: unknown[]) => Promise<unknown> };

/** The part of pg-boss the workers use: it records each worker and every wake-up. */
function fakeBoss() {
  const workers: Registered[] = [];
  const notified: string[] = [];
  const boss = {
    async work(_queue: string, options: PgBoss.WorkOptions, handler: Registered["handler"]) {
      const id = `worker-${workers.length}`;
      workers.push({ id, options, handler });
      return id;
    },
    notifyWorker(id: string) {
      notified.push(id);
    },
  };
  return { boss: boss as unknown as PgBoss, workers, notified };
}

const job = (data: unknown) => ({ id: "job-1", name: "plan-rotations", data, retryCount: 0, retryLimit: 2 });

describe("job workers", () => {
  afterEach(() => forgetWorkers());

  it("polls often with a queue's first worker only; the others are a slow backstop", async () => {
    const { boss, workers } = fakeBoss();
    await startWorkers(boss, "plan-rotations", 4, async () => undefined);
    expect(workers.map((worker) => worker.options.pollingIntervalSeconds)).toEqual([IDLE_POLL_SECONDS, BACKSTOP_POLL_SECONDS, BACKSTOP_POLL_SECONDS, BACKSTOP_POLL_SECONDS]);
    expect(workers.every((worker) => worker.options.batchSize === 1)).toBe(true);
  });

  it("wakes every worker of the queue when one finds a job, and none when it finds nothing", async () => {
    const { boss, workers, notified } = fakeBoss();
    await startWorkers(boss, "plan-rotations", 3, async () => ({ planned: true }));
    await workers[0]!.handler([]);
    expect(notified).toEqual([]);
    const result = await workers[0]!.handler([job({ v: 1 })]);
    expect(result).toEqual({ planned: true });
    // All three on finding it (more may be due), then the finder again to fetch its next job at once.
    expect(notified).toEqual(["worker-0", "worker-1", "worker-2", "worker-0"]);
  });
});
