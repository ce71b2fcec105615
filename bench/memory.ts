// #7 and #8: resident memory of the console server process and of the embedded database (the PGlite
// child), read from /proc at named moments and sampled every second for the peak.
import { treeRssBytes } from "./processes";
import { mb, type Row, type Section } from "./table";

type Snapshot = { label: string; next: number; database: number };

export class MemoryWatch {
  readonly snapshots: Snapshot[] = [];
  private peakNext = 0;
  private peakDatabase = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly pids: { next: number; database?: number }) {}

  private read(): { next: number; database: number } {
    return { next: treeRssBytes(this.pids.next), database: this.pids.database === undefined ? Number.NaN : treeRssBytes(this.pids.database) };
  }

  start(intervalMs = 1_000): void {
    this.timer = setInterval(() => {
      const now = this.read();
      this.peakNext = Math.max(this.peakNext, now.next || 0);
      this.peakDatabase = Math.max(this.peakDatabase, now.database || 0);
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  snapshot(label: string): Snapshot {
    const now = { label, ...this.read() };
    this.peakNext = Math.max(this.peakNext, now.next || 0);
    this.peakDatabase = Math.max(this.peakDatabase, now.database || 0);
    this.snapshots.push(now);
    return now;
  }

  get(label: string): Snapshot | undefined {
    return this.snapshots.find((s) => s.label === label);
  }

  serverSection(idleLabel: string, loadedLabel: string): Section {
    const idle = this.get(idleLabel);
    const loaded = this.get(loadedLabel);
    if (!idle || !loaded) return { section: "7", title: "server RSS", rows: [], error: "the idle or after-load snapshot is missing" };
    const rows: Row[] = [
      {
        section: "7",
        metric: "next start RSS after #1's load",
        measured: mb(loaded.next),
        floor: `idle ${mb(idle.next)}`,
        ratio: loaded.next / idle.next,
        budget: { op: "<=", limit: 1.5, unit: "× idle" },
        note: `snapshots: ${this.snapshots.map((s) => `${s.label} ${mb(s.next)}`).join(", ")}; peak sampled over the whole run ${mb(this.peakNext)}`,
      },
    ];
    return { section: "7", title: "server RSS", rows, details: { snapshots: this.snapshots, peakNext: this.peakNext } };
  }

  databaseSection(idleLabel: string): Section {
    const idle = this.get(idleLabel);
    if (this.pids.database === undefined || !idle) return { section: "8", title: "database RSS", rows: [], error: "the embedded database process was not found" };
    const limit = 1024 * 1024 * 1024;
    return {
      section: "8",
      title: "database RSS",
      rows: [
        {
          section: "8",
          metric: "embedded database (PGlite) peak RSS",
          measured: mb(this.peakDatabase),
          floor: `idle ${mb(idle.database)}`,
          ratio: this.peakDatabase / limit,
          ratioText: `${(this.peakDatabase / idle.database).toFixed(2)}× idle`,
          budget: { op: "<=", limit: 1, unit: " GB" },
          note: `snapshots: ${this.snapshots.map((s) => `${s.label} ${mb(s.database)}`).join(", ")}`,
        },
      ],
      details: { snapshots: this.snapshots, peakDatabase: this.peakDatabase },
    };
  }
}
