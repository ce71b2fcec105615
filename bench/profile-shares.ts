// Where a console server's CPU went, from a V8 CPU profile (CONSOLE_CPU_PROF_DIR, see README):
// self time summed by who owns the code (Next's runtime, a package under node_modules, Node's own
// modules, the app's bundled chunks, the collector), then the functions with the most self time.
// A profile's samples say where the thread was, not why: this is for finding where to look.
//   npx tsx bench/profile-shares.ts <file.cpuprofile> [timeline] [from=<s>] [to=<s>] [per=<n>] [unit=<word>] [callers=<text>]
// `timeline` prints the busy time of each second first, to find a measurement's window; `from` and
// `to` (seconds since the profile started) keep only that window, leaving out the server's start
// and the other measurements; `per=<n>` also gives every line in milliseconds per unit of work
// (n rotations, n pages), named by `unit`; `callers=<text>` then lists who called the functions
// whose name contains that text (their time with what they called, by the chain of callers), to
// tell a framework's own cost from one the app asks of it.
import { readFileSync } from "node:fs";
import { z } from "zod";

export const callFrameSchema = z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number() });
const profileSchema = z.object({
  nodes: z.array(z.object({ id: z.number(), callFrame: callFrameSchema, children: z.array(z.number()).optional() })),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});

export type Window = { fromS?: number; toS?: number };

type CallFrame = z.infer<typeof callFrameSchema>;

/** Who owns a frame: the first rule that matches, so the specific ones come first. */
export function owner(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) {
    // V8's pseudo-frames: the collector, the idle thread, and time outside JavaScript (native code,
    // the event loop's polling, compilation).
    if (functionName === "(garbage collector)") return "garbage collector";
    if (functionName === "(idle)") return "idle";
    if (functionName === "(program)") return "native and runtime (program)";
    return "native built-ins";
  }
  if (url.startsWith("node:")) return "Node's own modules";
  const nodeModules = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (nodeModules) {
    const name = nodeModules[1]!;
    if (name === "next" && /app-page.*runtime|app-route.*runtime/.test(url)) return "next (app render runtime: React server and Next's render)";
    return name;
  }
  if (/\.next\/server\/chunks\/ssr\//.test(url)) return "app chunks, SSR (the app's code and its bundled libraries)";
  if (/\.next\/server\/(chunks|app)\//.test(url)) return "app chunks, RSC and routes (the app's code and its bundled libraries)";
  if (/\.next\/server\//.test(url)) return "Next's generated server files";
  return "other";
}

/** A function as the listings name it: a package's file by its path inside node_modules, anything else by its last two segments. */
export function functionLabel(frame: CallFrame): string {
  const file = frame.url.includes("node_modules/") ? frame.url.replace(/.*node_modules\//, "") : frame.url.split("/").slice(-2).join("/");
  return `${frame.functionName || "(anonymous)"} ${file}${frame.url ? `:${frame.lineNumber + 1}` : ""}`.trim();
}

export type Shares = { totalMs: number; byOwner: [string, number][]; topFunctions: [string, number][]; busyPerSecondMs: number[] };

type Profile = z.infer<typeof profileSchema>;

/** Each node's self time inside the window, and the busy time of every second of the profile. */
function selfTimes(profile: Profile, frames: Map<number, CallFrame>, window: Window): { selfMs: Map<number, number>; busyPerSecondMs: number[] } {
  const selfMs = new Map<number, number>();
  const busyPerSecondMs: number[] = [];
  let atUs = 0;
  // timeDeltas[i] is the time between sample i-1 and sample i: charge it to sample i's node.
  for (const [index, nodeId] of profile.samples.entries()) {
    const deltaUs = profile.timeDeltas[index] ?? 0;
    atUs += deltaUs;
    const second = Math.floor(atUs / 1e6);
    if (frames.get(nodeId)?.functionName !== "(idle)") busyPerSecondMs[second] = (busyPerSecondMs[second] ?? 0) + deltaUs / 1000;
    if ((window.fromS !== undefined && atUs < window.fromS * 1e6) || (window.toS !== undefined && atUs > window.toS * 1e6)) continue;
    selfMs.set(nodeId, (selfMs.get(nodeId) ?? 0) + deltaUs / 1000);
  }
  return { selfMs, busyPerSecondMs };
}

export function profileShares(raw: unknown, window: Window = {}, top = 25): Shares {
  const profile = profileSchema.parse(raw);
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const { selfMs, busyPerSecondMs } = selfTimes(profile, frames, window);
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let totalMs = 0;
  for (const [nodeId, ms] of selfMs) {
    const frame = frames.get(nodeId);
    if (!frame) continue;
    const who = owner(frame);
    if (who === "idle") continue;
    totalMs += ms;
    byOwner.set(who, (byOwner.get(who) ?? 0) + ms);
    const name = functionLabel(frame);
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
  }
  const sorted = (map: Map<string, number>) => [...map.entries()].sort((a, b) => b[1] - a[1]);
  return { totalMs, byOwner: sorted(byOwner), topFunctions: sorted(byFunction).slice(0, top), busyPerSecondMs: Array.from(busyPerSecondMs, (ms) => ms ?? 0) };
}

/**
 * Who called the functions whose label contains `match`: each such call's time with all it called
 * (inside the window), summed by its chain of callers, nearest first, `depth` frames up. A function
 * that calls itself is counted at its outermost call only, so no time is counted twice.
 */
export function callerChains(raw: unknown, match: string, window: Window = {}, depth = 4, top = 8): [string, number][] {
  const profile = profileSchema.parse(raw);
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const { selfMs } = selfTimes(profile, frames, window);
  const totals = new Map<number, number>();
  const totalMs = (id: number): number => {
    let total = totals.get(id);
    if (total === undefined) {
      total = (selfMs.get(id) ?? 0) + (nodes.get(id)?.children ?? []).reduce((sum, child) => sum + totalMs(child), 0);
      totals.set(id, total);
    }
    return total;
  };
  const matches = (id: number) => functionLabel(frames.get(id)!).includes(match);
  const chains = new Map<string, number>();
  for (const node of profile.nodes) {
    if (!matches(node.id)) continue;
    const callers: string[] = [];
    let outermost = true;
    for (let up = parent.get(node.id); up !== undefined; up = parent.get(up)) {
      if (matches(up)) outermost = false;
      if (callers.length < depth) callers.push(functionLabel(frames.get(up)!));
    }
    const ms = outermost ? totalMs(node.id) : 0;
    if (ms === 0) continue;
    const key = `${functionLabel(node.callFrame)}  ←  ${callers.join("  ←  ") || "(no caller)"}`;
    chains.set(key, (chains.get(key) ?? 0) + ms);
  }
  return [...chains.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
}

type Options = { file: string; timeline: boolean; window: Window; per?: number; unit: string; callers?: string };

function parseArgs(args: string[]): Options {
  const [file, ...rest] = args;
  if (!file) throw new Error("usage: tsx bench/profile-shares.ts <file.cpuprofile> [timeline] [from=<s>] [to=<s>] [per=<n>] [unit=<word>] [callers=<text>]");
  const options: Options = { file, timeline: false, window: {}, unit: "unit" };
  const number = (key: string, value: string) => {
    const parsed = Number(value);
    if (!(parsed >= 0) || value === "") throw new Error(`${key}= takes a number of ${key === "per" ? "units" : "seconds"}, got "${value}"`);
    return parsed;
  };
  for (const arg of rest) {
    const [key, value = ""] = arg.split("=", 2) as [string, string | undefined];
    if (arg === "timeline") options.timeline = true;
    else if (key === "from") options.window.fromS = number(key, value);
    else if (key === "to") options.window.toS = number(key, value);
    else if (key === "per") options.per = number(key, value) || undefined;
    else if (key === "unit" && value) options.unit = value;
    else if (key === "callers" && value) options.callers = value;
    else throw new Error(`unknown argument "${arg}"`);
  }
  return options;
}

function main(): void {
  const { file, timeline, window, per, unit, callers } = parseArgs(process.argv.slice(2));
  const raw: unknown = JSON.parse(readFileSync(file, "utf8"));
  const shares = profileShares(raw, window);
  if (timeline) {
    console.log("busy time per second since the profile started (ms of 1,000)");
    shares.busyPerSecondMs.forEach((ms, second) => console.log(`${String(second).padStart(5)} s ${ms.toFixed(0).padStart(5)}  ${"#".repeat(Math.round(ms / 25))}`));
    console.log("");
  }
  const line = (name: string, ms: number) => {
    const perUnit = per ? `${(ms / per).toFixed(3).padStart(9)} ms/${unit}` : "";
    return `${(((ms / shares.totalMs) * 100).toFixed(1) + " %").padStart(8)} ${ms.toFixed(0).padStart(8)} ms${perUnit}  ${name}`;
  };
  const span = window.fromS !== undefined || window.toS !== undefined ? ` from ${window.fromS ?? 0} s to ${window.toS ?? "the end"}${window.toS !== undefined ? " s" : ""}` : "";
  console.log(`busy (not idle)${span}: ${(shares.totalMs / 1000).toFixed(1)} s${per ? `, ${(shares.totalMs / per).toFixed(2)} ms per ${unit}` : ""}\n\nby owner of the code (self time)`);
  for (const [name, ms] of shares.byOwner) console.log(line(name, ms));
  console.log("\nfunctions with the most self time");
  for (const [name, ms] of shares.topFunctions) console.log(line(name, ms));
  if (callers) {
    console.log(`\nwho called the functions named like "${callers}" (their time with what they called)`);
    const chains = callerChains(raw, callers, window);
    if (chains.length === 0) console.log("  none ran in this window");
    for (const [chain, ms] of chains) console.log(line(chain, ms));
  }
}

if (process.argv[1] && /profile-shares\.ts$/.test(process.argv[1])) {
  try {
    main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
