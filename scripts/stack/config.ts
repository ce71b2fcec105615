// Settings of the local stack that `npm start` and the e2e tests run. Validated up front so a bad
// value stops the start with one clear line instead of a stack trace from deep inside.
import { z } from "zod";
import { outboundEnvSchema } from "../../lib/net/allowlist";

/**
 * The console server's V8 old-generation limit in MB (the Dockerfile sets the same in NODE_OPTIONS).
 * Without one, V8 sizes it from the machine's memory (4 GB here) and lets garbage pile up under
 * load: the bench measured the server at 614 MB after its load phases against 235 MB idle; with
 * 192 MB, 340 MB at the same throughput (bench/HISTORY.md, before the run of 2026-11-30, 17:39).
 */
export const DEFAULT_HEAP_MB = 192;

/**
 * The young generation's semi-space limit in MB, set beside the old generation's. Node 22 and later
 * size it from the machine's memory (64 MB here, so a 192 MB young generation beside a 192 MB old
 * one), and under a burst of actions the server then ran a full mark-compact every 60 ms with 65 MB
 * live: 60 % of its time in the collector, 45 rotations/s against 58 with this cap (bench/HISTORY.md,
 * the runs of 11:15). 16 MB is what Node 20 picks for this heap, so both supported versions behave alike.
 */
export const SEMI_SPACE_MB = 16;
const HEAP_MB_RULE = "CONSOLE_HEAP_MB must be a whole number of megabytes, 128 or more";

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

export const stackEnvSchema = z.object({
  PORT: port(3000),
  /** Embedded database port (ignored when DATABASE_URL is set). */
  DB_PORT: port(54329),
  FLOW_SIM_PORT: port(4010),
  S3_SIM_PORT: port(4569),
  /** Local STS endpoint for "Rotate now" (demo mode only: not started when STS_ENDPOINT is set). */
  STS_SIM_PORT: port(4570),
  STS_ENDPOINT: z.url().optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  DATABASE_URL: z
    .string()
    .optional()
    .refine((value) => value === undefined || (/^postgres(ql)?:\/\//.test(value) && URL.canParse(value)), {
      message: "DATABASE_URL is not a valid postgresql:// URL (example: postgresql://user:password@127.0.0.1:5432/console); unset it to use the embedded database",
    }),
  ADMIN_EMAIL: z.email("ADMIN_EMAIL must be an email address").default("admin@example.com"),
  ADMIN_PASSWORD: z.string().min(12, "ADMIN_PASSWORD must be at least 12 characters").optional(),
  /** When set (with ADOBE_CLIENT_ID, ADOBE_CLIENT_SECRET, ADOBE_ORG_ID), talk to that Flow Service instead of the simulator. */
  FLOW_SERVICE_URL: z.url().optional(),
  FLOW_SIM_SEED: z.coerce.number().int().min(0).max(10_000).default(0),
  CONSOLE_HEAP_MB: z.coerce.number({ error: HEAP_MB_RULE }).int(HEAP_MB_RULE).min(128, HEAP_MB_RULE).default(DEFAULT_HEAP_MB),
  /** Origins the console may call although internal; the stack adds its own simulators to it. */
  OUTBOUND_ALLOW: outboundEnvSchema.shape.OUTBOUND_ALLOW,
});

export type StackEnv = z.infer<typeof stackEnvSchema>;

/** The console server's V8 memory flags: what `npm start` passes and the image's NODE_OPTIONS holds. */
export function consoleHeapFlags(heapMb: number): string[] {
  return [`--max-old-space-size=${heapMb}`, `--max-semi-space-size=${SEMI_SPACE_MB}`];
}

export class StackStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StackStartError";
  }
}

export function parseStackEnv(source: Record<string, string | undefined>): StackEnv {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const result = stackEnvSchema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = issue.path.join(".");
    throw new StackStartError(issue.message.includes(name) ? issue.message : `${name}: ${issue.message}`);
  }
  return result.data;
}
