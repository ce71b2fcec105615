// What waking up costs on this machine, for #2's notes. Under the network profile every process
// of the console's path sleeps through each Flow Service call, and on a virtual machine a process
// woken after an idle spell runs its next round trip several times slower than back to back
// (the vCPU's wake-up, cold caches). The same trivial database round trip (`SELECT 1` on the
// console's database, from the bench's own connection) is timed back to back and after an idle
// wait as long as the network profile's median, alternating, so the figure is the machine's, not
// the console's.
import pg from "pg";
import { median, round } from "./stats";

export type WakeUpCost = { backToBackMs: number; afterIdleMs: number; idleMs: number; rounds: number };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function measureWakeUp(databaseUrl: string, idleMs: number, rounds: number): Promise<WakeUpCost> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const time = async () => {
      const started = performance.now();
      await client.query("SELECT 1");
      return performance.now() - started;
    };
    for (let i = 0; i < 5; i++) await time();
    const backToBack: number[] = [];
    const afterIdle: number[] = [];
    for (let i = 0; i < rounds; i++) {
      await time();
      backToBack.push(await time());
      await sleep(idleMs);
      afterIdle.push(await time());
    }
    return { backToBackMs: round(median(backToBack), 2), afterIdleMs: round(median(afterIdle), 2), idleMs, rounds };
  } finally {
    await client.end();
  }
}

export function describeWakeUp(cost: WakeUpCost): string {
  return `on this machine a database round trip (SELECT 1) took ${cost.backToBackMs.toFixed(2)} ms back to back and ${cost.afterIdleMs.toFixed(2)} ms after ${cost.idleMs} ms idle (median of ${cost.rounds})`;
}
