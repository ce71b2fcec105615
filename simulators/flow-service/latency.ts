/**
 * Latency profile of the Flow Service simulator (FLOW_SIM_LATENCY): how long each request waits
 * before it is answered. On loopback every call takes about 1 ms, which makes any console look
 * slow next to a direct call; Adobe's gateway is a cross-region HTTPS call of the order of 100 ms.
 *
 *   fixed:<ms>                               every request waits <ms> (e.g. fixed:1)
 *   lognormal:median=<ms>,p95=<ms>[,seed=<n>] log-normal delays with that median and 95th percentile
 *   none (or empty)                          no added delay
 *
 * A log-normal is what network latencies look like: most calls near the median, a long right
 * tail. With ln(X) ~ N(mu, sigma): median = e^mu, p95 = e^(mu + 1.645 sigma). Draws come from a
 * seeded generator so a run can be repeated.
 */
import { z } from "zod";
import { mulberry32, type Rng } from "./prng";

/** The 95th percentile of the standard normal distribution. */
const Z95 = 1.6448536269514722;
/** No single delay above this, whatever the tail draws (a hang is a fault, not latency). */
export const MAX_DELAY_MS = 60_000;

const milliseconds = z.coerce.number().finite().min(0).max(MAX_DELAY_MS);

const fixedSchema = z.strictObject({ kind: z.literal("fixed"), ms: milliseconds });
const lognormalSchema = z.strictObject({
  kind: z.literal("lognormal"),
  median: milliseconds.refine((value) => value > 0, "median must be above 0"),
  p95: milliseconds,
  seed: z.coerce.number().int().min(0).max(0xffffffff).default(1),
});

export const latencyProfileSchema = z.discriminatedUnion("kind", [fixedSchema, lognormalSchema]).superRefine((profile, context) => {
  if (profile.kind === "lognormal" && profile.p95 < profile.median) context.addIssue({ code: "custom", message: "p95 must be at least the median", path: ["p95"] });
});

export type LatencyProfile = z.infer<typeof latencyProfileSchema>;

export class LatencyProfileError extends Error {
  constructor(text: string, detail: string) {
    super(`FLOW_SIM_LATENCY="${text}" is not a latency profile (${detail}); use fixed:<ms> or lognormal:median=<ms>,p95=<ms>[,seed=<n>]`);
    this.name = "LatencyProfileError";
  }
}

/** Parses the text form; undefined for "none" or an empty value (no added delay). */
export function parseLatencyProfile(text: string | undefined): LatencyProfile | undefined {
  const trimmed = (text ?? "").trim();
  if (trimmed === "" || trimmed === "none") return undefined;
  const colon = trimmed.indexOf(":");
  const kind = colon === -1 ? trimmed : trimmed.slice(0, colon);
  const rest = colon === -1 ? "" : trimmed.slice(colon + 1);
  let raw: Record<string, unknown>;
  if (kind === "fixed") raw = { kind, ms: rest === "" ? undefined : rest };
  else {
    raw = { kind };
    for (const pair of rest.split(",").filter((part) => part.trim() !== "")) {
      const [key, value, extra] = pair.split("=").map((part) => part.trim());
      if (!key || value === undefined || extra !== undefined) throw new LatencyProfileError(trimmed, `"${pair}" is not key=value`);
      if (key in raw) throw new LatencyProfileError(trimmed, `${key} is given twice`);
      raw[key] = value;
    }
  }
  const parsed = latencyProfileSchema.safeParse(raw);
  if (!parsed.success) throw new LatencyProfileError(trimmed, parsed.error.issues.map((issue) => `${issue.path.join(".") || "profile"}: ${issue.message}`).join("; "));
  return parsed.data;
}

/** The text form of a profile (what parseLatencyProfile reads back). */
export function formatLatencyProfile(profile: LatencyProfile | undefined): string {
  if (!profile) return "none";
  return profile.kind === "fixed" ? `fixed:${profile.ms}` : `lognormal:median=${profile.median},p95=${profile.p95},seed=${profile.seed}`;
}

/** A standard normal draw (Box-Muller); 1 - rng() keeps the logarithm's argument above 0. */
function standardNormal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/** A function returning the next delay in milliseconds, drawn from the profile. */
export function latencySampler(profile: LatencyProfile | undefined): () => number {
  if (!profile) return () => 0;
  if (profile.kind === "fixed") return () => profile.ms;
  const mu = Math.log(profile.median);
  const sigma = Math.log(profile.p95 / profile.median) / Z95;
  const rng = mulberry32(profile.seed);
  return () => Math.min(MAX_DELAY_MS, Math.exp(mu + sigma * standardNormal(rng)));
}

/** The simulator's current profile: applied to every request, replaceable through the control API. */
export class SimLatency {
  private current: LatencyProfile | undefined;
  private sample: () => number = () => 0;

  constructor(profile?: LatencyProfile) {
    this.set(profile);
  }

  set(profile: LatencyProfile | undefined): void {
    this.current = profile;
    this.sample = latencySampler(profile);
  }

  get(): LatencyProfile | undefined {
    return this.current;
  }

  /** The delay of the next request, in milliseconds (0 without a profile). */
  next(): number {
    return this.sample();
  }
}
