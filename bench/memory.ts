// #7 and #8: memory of the console server process and of the embedded PostgreSQL, read from /proc
// at named moments and sampled every second for the peak.
// #7: RSS of the console server (and any child it has). #8: the embedded PostgreSQL, the postmaster
// and every backend: PSS summed (the budget's figure: shared buffers, mapped by every backend,
// are counted once) and RSS summed (counts shared pages once per backend, so it overstates; printed
// beside it). The supervisor Node process that owns the server is not the database and is left out.
import { describeHeap, type HeapBreakdown } from "./heap-spaces";
import { groupMemory, treeResidentMemory } from "./processes";
import { mb, type Row, type Section } from "./table";

/** `nextFiles`: the part of the server's RSS that is pages of mapped files (its code), not heap. */
type Snapshot = { label: string; next: number; nextFiles: number; databasePss: number; databaseRss: number; databaseProcesses: number; heap?: HeapBreakdown };

/** #8's budget: the embedded database's peak memory. */
const DATABASE_BUDGET_MB = 300;
/** #7's budget: the server's peak over the whole bench against its idle RSS. */
const SERVER_BUDGET_RATIO = 1.5;

export class MemoryWatch {
  readonly snapshots: Snapshot[] = [];
  private peakNext = { bytes: 0, at: "" };
  private peakDatabase = { pss: 0, rss: 0, processes: 0, at: "" };
  private timer: NodeJS.Timeout | undefined;
  private phase = "start";

  private readonly heapReads: Promise<void>[] = [];

  /**
   * `database` lists the database's processes at the moment (they come and go with connections);
   * `databaseLabel` says which server it is in the row; `heap` reads the server's heap by space.
   */
  constructor(
    private readonly pids: { next: number },
    private readonly database: (() => number[]) | undefined,
    private readonly databaseLabel = "the embedded PostgreSQL: postmaster and every backend",
    private readonly heap?: () => Promise<HeapBreakdown | undefined>,
  ) {}

  private read(): Omit<Snapshot, "label"> {
    const database = this.database === undefined ? undefined : groupMemory(this.database());
    const server = treeResidentMemory(this.pids.next);
    return {
      next: server.rss,
      nextFiles: server.files,
      databasePss: database?.pss ?? Number.NaN,
      databaseRss: database?.rss ?? Number.NaN,
      databaseProcesses: database?.processes ?? 0,
    };
  }

  private keepPeaks(now: Omit<Snapshot, "label">): void {
    if ((now.next || 0) > this.peakNext.bytes) this.peakNext = { bytes: now.next, at: this.phase };
    if ((now.databasePss || 0) > this.peakDatabase.pss) this.peakDatabase = { pss: now.databasePss, rss: now.databaseRss, processes: now.databaseProcesses, at: this.phase };
  }

  start(intervalMs = 1_000): void {
    this.timer = setInterval(() => this.keepPeaks(this.read()), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  snapshot(label: string): Snapshot {
    const now = { label, ...this.read() };
    this.phase = label;
    this.keepPeaks(now);
    this.snapshots.push(now);
    // The heap is read over HTTP just after /proc: the row's figures stay the /proc ones.
    if (this.heap) this.heapReads.push(this.heap().then((heap) => void (now.heap = heap)));
    return now;
  }

  /** Waits for the heap readings still in flight (before the row is written). */
  async settled(): Promise<void> {
    await Promise.all(this.heapReads);
  }

  /** The largest RSS of the server seen so far, and the phase it came in. */
  get peak(): { bytes: number; at: string } {
    return { ...this.peakNext };
  }

  get(label: string): Snapshot | undefined {
    return this.snapshots.find((s) => s.label === label);
  }

  serverSection(idleLabel: string, warmLabel: string): Section {
    const idle = this.get(idleLabel);
    if (!idle) return { section: "7", title: "server RSS", rows: [], error: "the idle snapshot is missing" };
    const warm = this.get(warmLabel);
    // The peak itself is sampled between snapshots; the largest snapshot stands in for it.
    const atPeak = this.snapshots.reduce<Snapshot | undefined>((largest, s) => (largest && largest.next >= s.next ? largest : s), undefined);
    // What the peak is made of: the heap by space at idle, once the pages had been served and the
    // server left alone, and at the largest snapshot.
    const where = [idle, ...(warm ? [warm] : []), ...(atPeak && atPeak !== idle && atPeak !== warm ? [atPeak] : [])]
      .flatMap((s) => (s.heap ? [`${s.label}: RSS ${mb(s.heap.rss)} (mapped files ${mb(s.nextFiles)}), ${describeHeap(s.heap)}`] : []))
      .join("; ");
    const warmRatio = warm ? `; against the server once its pages were served and it was left alone ("${warm.label}", ${mb(warm.next)}): ${(this.peakNext.bytes / warm.next).toFixed(2)}×` : "";
    const rows: Row[] = [
      {
        section: "7",
        metric: "console server RSS, peak over the whole bench",
        measured: mb(this.peakNext.bytes),
        floor: `idle ${mb(idle.next)}`,
        ratio: this.peakNext.bytes / idle.next,
        budget: { op: "<=", limit: SERVER_BUDGET_RATIO, unit: "× idle" },
        note: `peak sampled (every second) after "${this.peakNext.at}"${warmRatio}; snapshots: ${this.snapshots.map((s) => `${s.label} ${mb(s.next)}`).join(", ")}${where ? `; where it sits (${where})` : ""}`,
      },
    ];
    return { section: "7", title: "server RSS", rows, details: { snapshots: this.snapshots, peakNext: this.peakNext } };
  }

  databaseSection(idleLabel: string): Section {
    const idle = this.get(idleLabel);
    if (this.database === undefined || !idle) return { section: "8", title: "database memory", rows: [], error: "the database's processes were not found" };
    if (!(this.peakDatabase.pss > 0)) return { section: "8", title: "database memory", rows: [], error: "no process of the database was found in /proc (the embedded postmaster below its supervisor, or the backends of the bench's database)" };
    return {
      section: "8",
      title: "database memory",
      rows: [
        {
          section: "8",
          metric: "database peak memory (PSS summed over its processes)",
          measured: mb(this.peakDatabase.pss),
          floor: `idle ${mb(idle.databasePss)}`,
          ratio: this.peakDatabase.pss / 1024 / 1024,
          ratioText: `${(this.peakDatabase.pss / idle.databasePss).toFixed(2)}× idle`,
          budget: { op: "<=", limit: DATABASE_BUDGET_MB, unit: " MB" },
          note: `${this.databaseLabel}; peak after "${this.peakDatabase.at}" with ${this.peakDatabase.processes} processes, RSS summed ${mb(this.peakDatabase.rss)} (shared buffers counted once per process); snapshots (PSS / RSS / processes): ${this.snapshots.map((s) => `${s.label} ${mb(s.databasePss)} / ${mb(s.databaseRss)} / ${s.databaseProcesses}`).join(", ")}`,
        },
      ],
      details: { snapshots: this.snapshots, peakDatabase: this.peakDatabase },
    };
  }
}
