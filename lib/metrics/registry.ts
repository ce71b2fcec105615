// The console's one Prometheus registry and every metric in it (README, "Metrics"). Created on
// first use, not at import: `next build` imports route modules, and the default collectors start
// timers. Kept on globalThis because Next may load this module once per bundle layer, and a
// metric registered twice is an error.
import "server-only";
import { getHeapStatistics } from "node:v8";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { installedRenderGate, MAX_WAIT_MS } from "@/lib/render-gate/install";
import { collectSessionTokenGauge } from "./session-tokens";

export const METRIC_PREFIX = "s3console_";

export const ROTATION_TRIGGERS = ["manual", "bulk", "automatic"] as const;
export type RotationTrigger = (typeof ROTATION_TRIGGERS)[number];
/** rejected: refused before Flow Service was called (not in the inventory, an IAM-role connection). */
export const ROTATION_OUTCOMES = ["success", "conflict", "failure", "rejected"] as const;
export type RotationOutcome = (typeof ROTATION_OUTCOMES)[number];

export const SIGN_IN_METHODS = ["credentials", "oidc"] as const;
export const SIGN_IN_OUTCOMES = ["success", "failure", "throttled"] as const;
export type SignInOutcome = (typeof SIGN_IN_OUTCOMES)[number];

function createMetrics() {
  const registry = new Registry();
  // Standard names (process_*, nodejs_*), so off-the-shelf Node.js dashboards work unchanged.
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const name = (suffix: string) => `${METRIC_PREFIX}${suffix}`;

  const flowServiceRequestDuration = new Histogram({
    name: name("flow_service_request_duration_seconds"),
    help: "Duration of HTTP requests to Flow Service, each attempt counted, by client operation and HTTP status (network, timeout... when no response arrived).",
    labelNames: ["operation", "status"] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  const flowServiceRetries = new Counter({
    name: name("flow_service_retries_total"),
    help: "Flow Service requests retried after a failed attempt, by operation and the failure's kind.",
    labelNames: ["operation", "reason"] as const,
    registers,
  });
  const flowServiceConflicts = new Counter({
    name: name("flow_service_conflicts_total"),
    help: "Flow Service writes refused with 412 Precondition Failed (stale etag), by operation.",
    labelNames: ["operation"] as const,
    registers,
  });
  const rotations = new Counter({
    name: name("rotations_total"),
    help: "Session-token rotations by outcome and by what started them.",
    labelNames: ["outcome", "trigger"] as const,
    registers,
  });
  const syncDuration = new Histogram({
    name: name("sync_duration_seconds"),
    help: "Duration of inventory syncs with Flow Service, by sandbox and outcome.",
    labelNames: ["sandbox", "outcome"] as const,
    buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    registers,
  });
  const syncConnections = new Counter({
    name: name("sync_connections_total"),
    help: "Connections handled by successful syncs, by sandbox and result (seen, imported, updated, drifted, missing).",
    labelNames: ["sandbox", "result"] as const,
    registers,
  });
  // Together they say whether rotation runs are bound by ROTATION_CONCURRENCY: rate(busy) divided
  // by the slot count is the slots' utilisation, and long waits mean work queued behind them.
  const rotationSlotWait = new Histogram({
    name: name("rotation_slot_wait_seconds"),
    help: "Time a rotation waited for one of its sandbox's ROTATION_CONCURRENCY slots before calling Flow Service or STS (about one database round trip when a slot was free), by sandbox.",
    labelNames: ["sandbox"] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  const rotationSlotBusy = new Counter({
    name: name("rotation_slot_busy_seconds_total"),
    help: "Seconds this instance held sandbox slots, summed over slots, by sandbox: divided by ROTATION_CONCURRENCY, its rate is the share of the sandbox's capacity this instance used.",
    labelNames: ["sandbox"] as const,
    registers,
  });
  const signIns = new Counter({
    name: name("sign_ins_total"),
    help: "Sign-in attempts by method and outcome.",
    labelNames: ["method", "outcome"] as const,
    registers,
  });
  const tokensExpiring = new Gauge({
    name: name("session_tokens_expiring"),
    help: "Connections whose S3 session token expires within the next 24 hours, by sandbox (read from the database at scrape time).",
    labelNames: ["sandbox"] as const,
    registers,
    collect() {
      return collectSessionTokenGauge(this, "expiring");
    },
  });
  const tokensExpired = new Gauge({
    name: name("session_tokens_expired"),
    help: "Connections whose S3 session token has expired, by sandbox (read from the database at scrape time).",
    labelNames: ["sandbox"] as const,
    registers,
    collect() {
      return collectSessionTokenGauge(this, "expired");
    },
  });
  // The default collectors report the heap's size and use but not its ceiling: with this beside
  // nodejs_heap_size_used_bytes, an alert can fire before the process runs out of heap.
  const heapLimit = new Gauge({
    name: name("heap_size_limit_bytes"),
    help: "The V8 heap's limit in this process: the old generation (--max-old-space-size: CONSOLE_HEAP_MB for npm start, NODE_OPTIONS in the image) plus three young-generation semi-spaces (--max-semi-space-size).",
    registers,
    collect() {
      this.set(getHeapStatistics().heap_size_limit);
    },
  });

  // The page render gate (lib/render-gate): waiting requests and long waits mean this instance
  // renders pages as fast as its one JavaScript thread can; more instances, not a higher limit, help.
  const pageRendersInFlight = new Gauge({
    name: name("page_renders_in_flight"),
    help: "Page requests this process is rendering now, at most PAGE_RENDER_CONCURRENCY.",
    registers,
    collect() {
      this.set(installedRenderGate()?.stats().inFlight ?? 0);
    },
  });
  const pageRendersWaiting = new Gauge({
    name: name("page_renders_waiting"),
    help: "Page requests waiting for their turn to be rendered.",
    registers,
    collect() {
      this.set(installedRenderGate()?.stats().waiting ?? 0);
    },
  });
  const pageRenderWait = new Histogram({
    name: name("page_render_wait_seconds"),
    help: "Time a page request waited for its turn before its render began (0 when a place was free).",
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  const pageRendersRefused = new Counter({
    name: name("page_renders_refused_total"),
    help: `Page requests answered 503 (busy) after waiting ${MAX_WAIT_MS / 1000} seconds for their turn.`,
    registers,
  });

  // Series that exist before their first event, so rate() and absence alerts work from the start.
  for (const outcome of ROTATION_OUTCOMES) for (const trigger of ROTATION_TRIGGERS) rotations.inc({ outcome, trigger }, 0);
  for (const method of SIGN_IN_METHODS) for (const outcome of SIGN_IN_OUTCOMES) signIns.inc({ method, outcome }, 0);

  return { registry, flowServiceRequestDuration, flowServiceRetries, flowServiceConflicts, rotations, rotationSlotWait, rotationSlotBusy, syncDuration, syncConnections, signIns, tokensExpiring, tokensExpired, heapLimit, pageRendersInFlight, pageRendersWaiting, pageRenderWait, pageRendersRefused };
}

export type Metrics = ReturnType<typeof createMetrics>;

const globalForMetrics = globalThis as unknown as { s3consoleMetrics?: Metrics };

export function metrics(): Metrics {
  return (globalForMetrics.s3consoleMetrics ??= createMetrics());
}
