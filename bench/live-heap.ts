// What the console server's heap still holds once the collector has done all it can. Between two
// full collections V8's old generation also holds garbage, so its size alone cannot tell a peak of
// garbage (#7's usual case) from data something keeps alive: this tool asks the running server for
// a full collection through its inspector (as allocation-profile.ts attaches) and prints its heap
// spaces and RSS just before and just after, once or at intervals. A live old generation that stays
// high after the load has ended is retention; one that falls back to the idle figure is not. Found
// the ten seconds every Flow Service call kept its request (bench/HISTORY.md, "Outbound deadlines
// cleared"). Each reading forces a full collection in the server: read its figures, not its timing.
//   node --experimental-websocket --import tsx bench/live-heap.ts <pid> [times=<n>] [every=<s>]
import { z } from "zod";
import { attachInspector, type InspectorSession } from "./inspector";

/** One space of V8's heap, in bytes: what objects use and what the space has reserved. */
export type SpaceUse = { name: string; used: number; size: number };
export type HeapReading = { rss: number; spaces: SpaceUse[] };

const readingSchema = z.object({
  rss: z.number().nonnegative(),
  spaces: z.array(z.object({ name: z.string().min(1), used: z.number().nonnegative(), size: z.number().nonnegative() })).min(1),
});

// Evaluated inside the server: figures only, nothing of the process's data leaves it.
const READ_EXPRESSION = `JSON.stringify({
  rss: process.memoryUsage.rss(),
  spaces: process.getBuiltinModule("node:v8").getHeapSpaceStatistics().map((s) => ({ name: s.space_name, used: s.space_used_size, size: s.space_size })),
})`;

/** The server's answer to READ_EXPRESSION, checked. */
export function parseReading(json: unknown): HeapReading {
  if (typeof json !== "string") throw new Error("the server answered the heap reading with no text");
  return readingSchema.parse(JSON.parse(json));
}

const MB = 1024 * 1024;
const mb = (bytes: number) => (bytes / MB).toFixed(1);
// V8 names them old_space, new_space, large_object_space, new_large_object_space, code_space, …:
// the line keeps the large ones apart and sums the rest. A large object is allocated young, in
// new_large_object_space, and moves to large_object_space if it survives: both are "large objects".
const SHOWN: [label: string, matches: (space: string) => boolean][] = [
  ["old", (space) => space === "old_space"],
  ["new", (space) => space === "new_space"],
  ["large objects", (space) => space.includes("large_object_space")],
  ["code", (space) => space === "code_space"],
];

/** One line: RSS, then each large space's used / reserved MB, before → after the collection. */
export function describeCollection(before: HeapReading, after: HeapReading): string {
  const sum = (reading: HeapReading, matches: (space: string) => boolean) =>
    reading.spaces.filter((s) => matches(s.name)).reduce((total, s) => ({ used: total.used + s.used, size: total.size + s.size }), { used: 0, size: 0 });
  const rest = (space: string) => !SHOWN.some(([, matches]) => matches(space));
  const parts = SHOWN.map(([label, matches]) => {
    const [b, a] = [sum(before, matches), sum(after, matches)];
    return `${label} ${mb(b.used)} of ${mb(b.size)} → ${mb(a.used)} of ${mb(a.size)}`;
  });
  return [`rss ${mb(before.rss)} → ${mb(after.rss)}`, ...parts, `other spaces ${mb(sum(before, rest).used)} → ${mb(sum(after, rest).used)}`].join(" · ") + " MB";
}

async function read(session: InspectorSession): Promise<HeapReading> {
  const answer = (await session.call("Runtime.evaluate", { expression: READ_EXPRESSION, returnByValue: true })) as { result: { value?: unknown }; exceptionDetails?: { text: string } };
  if (answer.exceptionDetails) throw new Error(`the server could not read its heap: ${answer.exceptionDetails.text}`);
  return parseReading(answer.result.value);
}

/** Reads `pid`'s heap, has it collect everything it can, reads again; `times` over, `everyS` apart. */
export async function liveHeap(pid: number, times: number, everyS: number, print: (line: string) => void): Promise<void> {
  const session = await attachInspector(pid);
  try {
    await session.call("HeapProfiler.enable");
    print("each line: before → after a full collection; a space's MB used of MB reserved");
    for (let i = 0; i < times; i++) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, everyS * 1_000));
      const before = await read(session);
      await session.call("HeapProfiler.collectGarbage");
      const after = await read(session);
      print(`${new Date().toISOString().slice(11, 19)}  ${describeCollection(before, after)}`);
    }
  } finally {
    // The server goes on without an open inspector port.
    await session.closeInspector();
  }
}

async function main(args: string[]): Promise<void> {
  const usage = "usage: node --experimental-websocket --import tsx bench/live-heap.ts <pid> [times=<n>] [every=<s>]";
  const [pid, ...rest] = args;
  if (!pid || !/^\d+$/.test(pid)) throw new Error(usage);
  const option = (name: string, fallback: number) => {
    const raw = rest.find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!(value > 0)) throw new Error(`${name} must be a positive number, got "${raw}"; ${usage}`);
    return value;
  };
  const unknown = rest.find((arg) => !/^(times|every)=/.test(arg));
  if (unknown) throw new Error(`unknown argument "${unknown}"; ${usage}`);
  await liveHeap(Number(pid), Math.floor(option("times", 1)), option("every", 5), console.log);
}

if (process.argv[1] && /live-heap\.ts$/.test(process.argv[1])) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
