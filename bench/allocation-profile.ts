// Where a console server's allocations come from. A page's garbage is what makes the young
// generation's scavenges and fills the old generation between full collections (#1's p95, #7's
// peak), and a heap snapshot only sees what survives; V8's sampling heap profiler, told to keep
// the objects the collector has freed, sees every allocation. This attaches to a running server's
// inspector (SIGUSR1 opens it on 127.0.0.1:9229), samples for a while, closes the inspector again,
// writes the profile and prints the sampled bytes by owner of the code (the owners of
// profile-shares.ts) and the functions that allocate most. Sampling slows the server a little: its
// shares say where to look, the bench's rows say how long things take. With `survivors`, the
// sampler forgets what the young generation's collections (scavenges) free: what is left is what
// was promoted, or still lives, which is what fills the old generation between full collections.
//   node --experimental-websocket --import tsx bench/allocation-profile.ts <pid> <seconds> [out=<file>] [survivors]
//   npx tsx bench/allocation-profile.ts <file.heapprofile> [survivors]
//     (the shares of a profile written before; `survivors` if it was taken so, for the heading)
// Node 20 needs --experimental-websocket for the inspector's WebSocket; Node 22 and later have it on.
import { readFileSync, writeFileSync } from "node:fs";
import { z } from "zod";
import { attachInspector } from "./inspector";
import { callFrameSchema, functionLabel, owner } from "./profile-shares";

type HeapNode = { callFrame: z.infer<typeof callFrameSchema>; selfSize: number; children: HeapNode[] };
const heapNodeSchema: z.ZodType<HeapNode> = z.lazy(() => z.object({ callFrame: callFrameSchema, selfSize: z.number(), children: z.array(heapNodeSchema) }));
const heapProfileSchema = z.object({ head: heapNodeSchema });

export type AllocationShares = { totalBytes: number; byOwner: [string, number][]; topFunctions: [string, number][] };

/** Sampled bytes by owner of the allocating code, and the functions that allocated most. */
export function allocationShares(raw: unknown, top = 25): AllocationShares {
  const { head } = heapProfileSchema.parse(raw);
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let totalBytes = 0;
  const pending: HeapNode[] = [head];
  for (let node = pending.pop(); node; node = pending.pop()) {
    pending.push(...node.children);
    if (node.selfSize === 0) continue;
    const frame = node.callFrame;
    totalBytes += node.selfSize;
    const who = owner(frame);
    byOwner.set(who, (byOwner.get(who) ?? 0) + node.selfSize);
    const name = functionLabel(frame);
    byFunction.set(name, (byFunction.get(name) ?? 0) + node.selfSize);
  }
  const sorted = (map: Map<string, number>) => [...map.entries()].sort((a, b) => b[1] - a[1]);
  return { totalBytes, byOwner: sorted(byOwner), topFunctions: sorted(byFunction).slice(0, top) };
}

export type SampledObjects = "all" | "survivors";

/**
 * V8's sampling options: every sampled allocation, freed ones included, or (`survivors`) all but
 * those a scavenge freed.
 */
export function samplingOptions(objects: SampledObjects, samplingIntervalBytes = 16_384) {
  return { samplingInterval: samplingIntervalBytes, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: objects === "all" };
}

/** Samples `pid`'s allocations for `seconds` (collected objects included, see samplingOptions); returns the profile. */
export async function sampleAllocations(pid: number, seconds: number, objects: SampledObjects = "all"): Promise<unknown> {
  const session = await attachInspector(pid);
  try {
    await session.call("HeapProfiler.enable");
    await session.call("HeapProfiler.startSampling", samplingOptions(objects));
    await new Promise((resolve) => setTimeout(resolve, seconds * 1_000));
    const { profile } = (await session.call("HeapProfiler.stopSampling")) as { profile: unknown };
    return profile;
  } finally {
    // The server goes on without an open inspector port.
    await session.closeInspector();
  }
}

function print(shares: AllocationShares, objects: SampledObjects = "all"): void {
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1).padStart(8)} MB`;
  const line = (name: string, bytes: number) => `${(((bytes / shares.totalBytes) * 100).toFixed(1) + " %").padStart(8)} ${mb(bytes)}  ${name}`;
  const what = objects === "all" ? "allocated (sampled, freed objects included)" : "allocated and outlived a scavenge (sampled: promoted, or alive at the end)";
  console.log(`${what}: ${mb(shares.totalBytes).trim()}\n\nby owner of the allocating code`);
  for (const [name, bytes] of shares.byOwner) console.log(line(name, bytes));
  console.log("\nfunctions that allocated most");
  for (const [name, bytes] of shares.topFunctions) console.log(line(name, bytes));
}

async function main(args: string[]): Promise<void> {
  const usage = "usage: node --experimental-websocket --import tsx bench/allocation-profile.ts <pid> <seconds> [out=<file>] [survivors], or tsx bench/allocation-profile.ts <file.heapprofile> [survivors]";
  const [first, second, ...rest] = args;
  if (!first) throw new Error(usage);
  if (!/^\d+$/.test(first)) {
    // A profile does not record how it was sampled: the reader says so again.
    if (second !== undefined && second !== "survivors") throw new Error(`unknown option "${second}"; ${usage}`);
    return print(allocationShares(JSON.parse(readFileSync(first, "utf8"))), second ?? "all");
  }
  const seconds = Number(second);
  if (!(seconds > 0)) throw new Error(`the sampling time is a number of seconds, got "${second ?? ""}"; ${usage}`);
  const out = rest.find((arg) => arg.startsWith("out="))?.slice(4) || `allocations-${first}-${Date.now()}.heapprofile`;
  const unknown = rest.find((arg) => !arg.startsWith("out=") && arg !== "survivors");
  if (unknown !== undefined) throw new Error(`unknown option "${unknown}"; ${usage}`);
  const objects: SampledObjects = rest.includes("survivors") ? "survivors" : "all";
  const profile = await sampleAllocations(Number(first), seconds, objects);
  writeFileSync(out, JSON.stringify(profile));
  console.log(`profile written to ${out} (Chromium's DevTools open it, Memory tab)\n`);
  print(allocationShares(profile), objects);
}

if (process.argv[1] && /allocation-profile\.ts$/.test(process.argv[1])) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
