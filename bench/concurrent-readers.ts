// #1b 50 signed-in readers of /connections (10k connections) at once: the p95 each request sees
// under that load against the p95 of one reader alone, measured just before on the same page.
// Every reader loops on the page (the next request as soon as its answer is read); the readers
// share the bench's session cookie (the server does the same session check per request whoever
// holds the cookie, and 50 sign-ins would cost 50 scrypt hashes for nothing measured).
// The throughput under load is printed beside it: with C cores busy, 50 requests in flight wait
// about 50 / throughput each (Little's law), which is the physical floor of the loaded p95; and
// who used the cores meanwhile (cpu-split.ts), with the server's CPU per page: what a rate that
// met the budget would take in cores.
import { cpus } from "node:os";
import { SANDBOX_COOKIE, type BenchContext } from "./context";
import { describeCpuSplit, startCpuSplit } from "./cpu-split";
import { summary } from "./stats";
import { ms, type Section } from "./table";

export const READERS = 50;
const BUDGET = 3;

/** #1b's requests: 5 of warm-up and `alone` from one reader, then `perReader` from each of the 50. */
export function readerLoad(quick: boolean): { warmup: number; alone: number; perReader: number } {
  return { warmup: 5, alone: quick ? 20 : 100, perReader: quick ? 2 : 8 };
}

export async function measureConcurrentReaders(ctx: BenchContext, sandbox: string): Promise<Section> {
  const { warmup, alone, perReader } = readerLoad(ctx.quick);
  const cookies = { [SANDBOX_COOKIE]: sandbox };
  const read = async (): Promise<number> => {
    const response = await ctx.session.get("/connections", cookies);
    if (response.status !== 200 || !response.text.includes("last-synced")) throw new Error(`GET /connections answered ${response.status} without the inventory`);
    return response.ms;
  };
  for (let i = 0; i < warmup; i++) await read();
  const single: number[] = [];
  for (let i = 0; i < alone; i++) single.push(await read());

  const loaded: number[] = [];
  const started = performance.now();
  const stopCpu = startCpuSplit(ctx.bench.pids.next, ctx.databasePids);
  await Promise.all(
    Array.from({ length: READERS }, async () => {
      for (let i = 0; i < perReader; i++) loaded.push(await read());
    }),
  );
  const cpu = stopCpu();
  const wallMs = performance.now() - started;
  const one = summary(single);
  const many = summary(loaded);
  const perSecond = (loaded.length / wallMs) * 1000;
  // The rate at which 50 requests in flight would each wait no more than the budget allows.
  const neededPerSecond = READERS / ((BUDGET * one.p95) / 1000);
  const serverMsPerPage = cpu.serverMs / loaded.length;
  const databaseMsPerPage = cpu.databaseMs / loaded.length;
  return {
    section: "1b",
    title: "concurrent readers",
    rows: [
      {
        section: "1b",
        metric: `${READERS} concurrent readers of /connections, 10,000 connections (p50 / p95, n=${many.n})`,
        measured: `${ms(many.p50)} / ${ms(many.p95)}`,
        floor: `1 reader ${ms(one.p50)} / ${ms(one.p95)}`,
        ratio: many.p95 / one.p95,
        budget: { op: "<=", limit: BUDGET, unit: "× one reader's p95" },
        note: `${perSecond.toFixed(1)} pages/s under load on ${cpus().length} cores shared with the bench's own client (1 reader alone: ${(1000 / one.p50).toFixed(1)} pages/s); ${READERS} in flight at that rate wait about ${ms((READERS / perSecond) * 1000, 0)} each (Little's law), ${((READERS / perSecond) * 1000 / one.p95).toFixed(1)}× one reader's p95; ≤ ${BUDGET}× would take ${neededPerSecond.toFixed(0)} pages/s, ${(neededPerSecond / perSecond).toFixed(1)}× what the server's one JavaScript thread rendered; under load ${describeCpuSplit(cpu)}; per page the server used ${ms(serverMsPerPage)} of CPU and the database ${ms(databaseMsPerPage)}, so ${neededPerSecond.toFixed(0)} pages/s would take ${((neededPerSecond * (serverMsPerPage + databaseMsPerPage)) / 1000).toFixed(1)} cores for those two alone`,
      },
    ],
    details: { readers: READERS, perReader, single: one, loaded: many, wallMs, perSecond, neededPerSecond, cpu },
  };
}
