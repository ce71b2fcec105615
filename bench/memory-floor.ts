// #7's floor: how much any page of the console makes the server grow under the bench's load. A
// second console server (the same build, settings and database) starts beside the measured one,
// signs in and is left alone as the measured server is before its idle snapshot, then gets the
// page load the measured server got (#1's and #1b's, whichever ran), as many requests and as many
// at once, with every request for #1's floor page (/runs in its empty state: the layout, the
// session check, one indexed query, no table). Its peak against its own idle RSS is what the
// framework and the runtime keep under that load when no page of the inventory is rendered at
// all: the part of #7's ratio no page of the app can avoid.
//
// It runs once every row that times the measured stack has finished (#9 comes after, on a stopped
// stack): the two servers share the machine's cores only while nothing else is timed, and the
// measured server's own peak sampling has ended.
import { SANDBOX_COOKIE, type BenchContext } from "./context";
import { readerLoad, READERS } from "./concurrent-readers";
import { describeHeap, readHeapBreakdown } from "./heap-spaces";
import { DYNAMIC_FLOOR_PATH, DYNAMIC_FLOOR_TEXT, inventoryRequestCount } from "./inventory";
import { MemoryWatch } from "./memory";
import { Session } from "./session";
import { mb, type Section } from "./table";
import { freePort } from "../scripts/free-port";
import { startNextServer } from "../scripts/stack/next-server";

/** As long as the measured server is left alone between its sign-in and its idle snapshot. */
const SETTLE_MS = 3_000;

export type FloorLoad = { inventory: boolean; readers: boolean };

export async function measureMemoryFloor(ctx: BenchContext, options: { sandbox: string; datasets: number; load: FloorLoad; measured: { idle: number; peak: number } }): Promise<Section> {
  const port = await freePort();
  const server = await startNextServer({ port, host: "127.0.0.1", env: ctx.bench.consoleEnv });
  try {
    const pid = server.child.pid;
    if (pid === undefined) throw new Error("the floor's console server has no process id");
    const origin = `http://127.0.0.1:${port}`;
    const memory = new MemoryWatch({ next: pid }, undefined, undefined, () => readHeapBreakdown(origin, ctx.bench.metricsToken));
    const session = new Session(origin);
    await session.signIn(ctx.bench.admin.email, ctx.bench.admin.password);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const idle = memory.snapshot("idle");
    memory.start();

    const cookies = { [SANDBOX_COOKIE]: options.sandbox };
    const read = async (): Promise<void> => {
      const response = await session.get(DYNAMIC_FLOOR_PATH, cookies);
      if (response.status !== 200 || !response.text.includes(DYNAMIC_FLOOR_TEXT)) throw new Error(`GET ${DYNAMIC_FLOOR_PATH} on the floor's server answered ${response.status} without its empty state`);
    };
    const sequential = options.load.inventory ? inventoryRequestCount(ctx.quick, options.datasets) : 0;
    for (let i = 0; i < sequential; i++) await read();
    if (options.load.inventory) memory.snapshot("after #1's load");
    const readers = readerLoad(ctx.quick);
    if (options.load.readers) {
      for (let i = 0; i < readers.warmup + readers.alone; i++) await read();
      await Promise.all(
        Array.from({ length: READERS }, async () => {
          for (let i = 0; i < readers.perReader; i++) await read();
        }),
      );
      memory.snapshot("after #1b's load");
    }
    const end = memory.snapshots.at(-1)!;
    memory.stop();
    await memory.settled();

    const peak = memory.peak;
    const ratio = peak.bytes / idle.next;
    const where = [idle, end].flatMap((s) => (s.heap ? [`${s.label}: ${describeHeap(s.heap)}`] : [])).join("; ");
    const grew = (bytes: number) => `+${mb(bytes)}`;
    return {
      section: "7",
      title: "server RSS, floor",
      rows: [
        {
          section: "7",
          // One wording whatever the load, so that the two passes' rows pair up side by side.
          metric: `floor: a second server given the same page load on ${DYNAMIC_FLOOR_PATH} (empty) alone`,
          measured: mb(peak.bytes),
          floor: `idle ${mb(idle.next)}`,
          ratio,
          note: `${loadName(options.load)}: ${describeLoad(sequential, options.load.readers ? readers : undefined)}; peak sampled (every second) after "${peak.at}"; it grew ${grew(peak.bytes - idle.next)} where the measured server grew ${grew(options.measured.peak - options.measured.idle)} over the whole bench; snapshots: ${memory.snapshots.map((s) => `${s.label} ${mb(s.next)}`).join(", ")}${where ? `; where it sits (${where})` : ""}`,
        },
      ],
      details: { port, sequential, readers, snapshots: memory.snapshots, peak },
    };
  } finally {
    await server.stop();
  }
}

function loadName(load: FloorLoad): string {
  return [load.inventory && "#1's", load.readers && "#1b's"].filter(Boolean).join(" and ") + " load";
}

function describeLoad(sequential: number, readers: ReturnType<typeof readerLoad> | undefined): string {
  const parts = [sequential > 0 ? `${sequential} requests one after another` : undefined, readers ? `${readers.warmup + readers.alone} from one reader, then ${READERS} readers at once, ${readers.perReader} each` : undefined];
  return parts.filter(Boolean).join(", then ");
}
