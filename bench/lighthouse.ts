// #6 Lighthouse (its default, mobile configuration with simulated throttling) on /sign-in,
// /connections and /connections/new, signed in through the session cookie sent as an extra
// header, in Debian's Chromium launched by chrome-launcher. Each page runs five times and the
// median score counts: a page's largest paint lands either before or after the framework's
// scripts run (bench/HISTORY.md, the run of 08:49), and with three runs one such draw moved the median. The
// floor is the prerendered 404 page (served with status 200, see floor-page.ts), run the same
// way: what this machine and the framework score with no page of the application. The runs go
// in rounds (the floor, then each page, five times over) rather than page after page, as #2
// alternates an action with its floor: a machine that slows down or speeds up during the minutes
// of the measurement then weighs on the floor and the pages alike. The
// performance budget is a ratio to that floor's score in the same run (absolute scores swing with
// the machine's load); accessibility must be 100. Quick mode audits /connections only.
import { accessSync, constants, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from "./browser";
import { bootstrapRatioInterval } from "./bootstrap";
import { startCpuSplit, type CpuSplit } from "./cpu-split";
import { descendants, mainThreadCpuMs } from "./processes";
import { SANDBOX_COOKIE, type BenchContext } from "./context";
import { serveFloorPage, type FloorPage } from "./floor-page";
import { NOT_FOUND_PATH } from "./inventory";
import { measureInRounds } from "./rounds";
import { describeScoreParts, readScoreParts, type ScoreParts } from "./score-parts";
import { median } from "./stats";
import type { Row, Section } from "./table";

/**
 * `cpu`: who used the machine's CPU during the run: Chromium, the bench (Lighthouse runs in it),
 * the console server (in all, and `serverMainThreadMs` on its JavaScript thread; for the floor,
 * which the bench serves, that is the server's background work alone), the database, and the rest.
 * `parts`: what the score lost by metric and the first frame's race with the scripts (score-parts.ts).
 */
type Run = { performance: number; accessibility: number; metrics: Record<string, number>; failing: string[]; ms: number; cpu: CpuSplit; serverMainThreadMs: number; parts?: ScoreParts };

const METRICS = ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index"] as const;

/** The performance scores of a series of runs, in the order they ran (round by round). */
const performanceScores = (runs: Run[]) => runs.map((r) => r.performance);

/** The lowest and highest performance score of a series: how far one run can fall from the median. */
function spread(runs: Run[]): string {
  const scores = performanceScores(runs);
  const [low, high] = [Math.min(...scores), Math.max(...scores)];
  return low === high ? String(low) : `${low}–${high}`;
}

/**
 * "; the ratio's 90 % bootstrap interval 0.85–0.95× (…)": how far the luck of which rounds were
 * drawn moves the verdict. Each page run is drawn with the floor run of its round (see rounds.ts).
 */
function ratioInterval(pageRuns: Run[], floorRuns: Run[]): string {
  if (pageRuns.length < 2) return "";
  const { low, high } = bootstrapRatioInterval(performanceScores(pageRuns), performanceScores(floorRuns), median, { paired: true });
  return `; the ratio's 90 % bootstrap interval ${low.toFixed(2)}–${high.toFixed(2)}× (rounds resampled, each page run with its round's floor run)`;
}

/**
 * Rounds of #6: five, one in quick mode. BENCH_LIGHTHOUSE_ROUNDS asks for more when the ratios'
 * intervals say a verdict is the draw's (a round is four audits, about half a minute).
 */
function lighthouseRounds(quick: boolean): number {
  if (quick) return 1;
  const asked = process.env.BENCH_LIGHTHOUSE_ROUNDS;
  if (asked === undefined || asked === "") return 5;
  const rounds = Number(asked);
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 50) throw new Error(`BENCH_LIGHTHOUSE_ROUNDS must be a whole number of rounds from 1 to 50, not "${asked}"`);
  return rounds;
}

export async function measureLighthouse(ctx: BenchContext, sandbox: string): Promise<Section> {
  const runs = lighthouseRounds(ctx.quick);
  let chrome: chromeLauncher.LaunchedChrome;
  try {
    // chrome-launcher's spawn reports a missing binary as an unhandled 'error' event, which would
    // end the whole bench instead of this one measurement: check it first.
    accessSync(CHROMIUM_PATH, constants.X_OK);
    chrome = await chromeLauncher.launch({ chromePath: CHROMIUM_PATH, chromeFlags: CHROMIUM_FLAGS });
  } catch (error) {
    return { section: "6", title: "Lighthouse", rows: [], error: `Chromium could not be launched by chrome-launcher: ${error instanceof Error ? error.message : String(error)}` };
  }
  const chromiumPids = () => [chrome.pid, ...descendants(chrome.pid).map((info) => info.pid)];
  const cookie = ctx.session.cookieHeader({ [SANDBOX_COOKIE]: sandbox });
  let floorPage: FloorPage | undefined;
  const audit = async (path: string, signedIn: boolean): Promise<Run> => {
    const started = performance.now();
    const serverPid = ctx.bench.pids.next;
    const mainThreadBefore = mainThreadCpuMs(serverPid);
    const stopCpu = startCpuSplit(serverPid, ctx.databasePids, chromiumPids);
    const url = path === NOT_FOUND_PATH && floorPage ? floorPage.url : `${ctx.bench.origin}${path}`;
    const result = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance", "accessibility"],
      ...(signedIn ? { extraHeaders: { Cookie: cookie } } : {}),
    });
    if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
    const lhr = result.lhr;
    // The whole report (main-thread breakdown, script bootup, the trace's long tasks) for reading later.
    const reportDir = process.env.LIGHTHOUSE_REPORT_DIR;
    if (reportDir) {
      // A folder named but not made yet is made, rather than costing the whole measurement.
      mkdirSync(reportDir, { recursive: true });
      writeFileSync(join(reportDir, `${path.replace(/[^a-z0-9]+/gi, "_")}-${Date.now()}.json`), JSON.stringify(lhr));
    }
    if (lhr.runtimeError) throw new Error(`Lighthouse runtime error on ${path}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const score = (id: string) => Math.round((lhr.categories[id]?.score ?? Number.NaN) * 100);
    const failing = Object.values(lhr.audits)
      .filter((a) => a.score !== null && a.score < 1 && (lhr.categories.accessibility?.auditRefs.some((ref) => ref.id === a.id && ref.weight > 0) ?? false))
      .map((a) => a.id);
    const metrics = Object.fromEntries(METRICS.map((id) => [id, Math.round((lhr.audits[id]?.numericValue ?? Number.NaN) * 1000) / 1000]));
    // Counted once the report is built: Lighthouse's own work on the trace is part of a run's cost to the machine.
    const cpu = stopCpu();
    return { performance: score("performance"), accessibility: score("accessibility"), metrics, failing, ms: performance.now() - started, cpu, serverMainThreadMs: mainThreadCpuMs(serverPid) - mainThreadBefore, parts: readScoreParts(lhr) };
  };
  try {
    floorPage = await serveFloorPage(ctx.bench.origin, NOT_FOUND_PATH, cookie);
    const pages = [
      { path: "/sign-in", signedIn: false },
      { path: "/connections", signedIn: true },
      { path: "/connections/new", signedIn: true },
    ].filter((page) => !ctx.quick || page.path === "/connections");
    // Lighthouse sometimes loses a trace (NO_NAVSTART, NO_FCP): such a run is repeated, twice at most.
    const auditWithRetry = async (path: string, signedIn: boolean): Promise<Run> => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await audit(path, signedIn);
        } catch (error) {
          if (attempt >= 3) throw error;
          ctx.log(`lighthouse ${path}: run failed (${error instanceof Error ? error.message.slice(0, 120) : String(error)}), repeating it`);
        }
      }
    };
    const pageByPath = new Map(pages.map((page) => [page.path, page]));
    // The floor opens each round, then every page (see rounds.ts).
    const measured = await measureInRounds(runs, [NOT_FOUND_PATH, ...pageByPath.keys()], (path) => auditWithRetry(path, pageByPath.get(path)?.signedIn ?? true), { stopOnFailureOf: NOT_FOUND_PATH });
    const floorFailure = measured.failed.get(NOT_FOUND_PATH);
    if (floorFailure !== undefined) throw new Error(`the 404 floor: ${floorFailure}`);
    const floorRuns = measured.runs.get(NOT_FOUND_PATH)!;
    const floorPerf = median(performanceScores(floorRuns));
    // Chromium shares the machine's cores with everything else: work done elsewhere while a page
    // loads (the server rendering it or busy in the background, the database, leftovers of earlier
    // sections) lengthens the browser's tasks, and Lighthouse's simulated phone multiplies them.
    const runCpu = (runs: Run[]) => {
      const at = (pick: (r: Run) => number) => median(runs.map(pick)).toFixed(0);
      const rest = (r: Run) => r.cpu.machineBusyMs - r.cpu.browserMs - r.cpu.benchMs - r.cpu.serverMs - r.cpu.databaseMs;
      return `${at((r) => r.cpu.machineBusyMs)} ms in ${at((r) => r.cpu.wallMs)} ms: Chromium ${at((r) => r.cpu.browserMs)}, the bench with Lighthouse ${at((r) => r.cpu.benchMs)}, the console server ${at((r) => r.cpu.serverMs)} (its JavaScript thread ${at((r) => r.serverMainThreadMs)}), the database ${at((r) => r.cpu.databaseMs)}, the rest ${at(rest)}`;
    };
    ctx.log(`lighthouse ${NOT_FOUND_PATH}: performance ${performanceScores(floorRuns).join(", ")}`);
    const rows: Row[] = [];
    const details: Record<string, Run[]> = { [NOT_FOUND_PATH]: floorRuns };
    for (const page of pages) {
      const failure = measured.failed.get(page.path);
      if (failure !== undefined) {
        rows.push({ section: "6", metric: `Lighthouse ${page.path}`, measured: "", floor: "", status: "error", note: `Lighthouse could not run: ${failure}` });
        continue;
      }
      const pageRuns = measured.runs.get(page.path)!;
      details[page.path] = pageRuns;
      ctx.log(`lighthouse ${page.path}: performance ${performanceScores(pageRuns).join(", ")}; accessibility ${pageRuns.map((r) => r.accessibility).join(", ")}`);
      const perf = median(performanceScores(pageRuns));
      const a11y = median(pageRuns.map((r) => r.accessibility));
      const metric = (id: (typeof METRICS)[number]) => median(pageRuns.map((r) => r.metrics[id]!));
      const parts = (runs: Run[]) => runs.flatMap((r) => (r.parts ? [r.parts] : []));
      rows.push({
        section: "6",
        metric: `Lighthouse performance ${page.path} (median of ${runs})`,
        measured: String(perf),
        floor: `404 page ${floorPerf}`,
        ratio: perf / floorPerf,
        budget: { op: ">=", limit: 0.97, unit: "× floor" },
        note: `FCP ${metric("first-contentful-paint").toFixed(0)} ms, LCP ${metric("largest-contentful-paint").toFixed(0)} ms, TBT ${metric("total-blocking-time").toFixed(0)} ms, CLS ${metric("cumulative-layout-shift").toFixed(3)}, SI ${metric("speed-index").toFixed(0)} ms (simulated mobile); scores ${spread(pageRuns)}, the floor's ${spread(floorRuns)} in the same round${runs === 1 ? "" : "s"}${ratioInterval(pageRuns, floorRuns)}; ${describeScoreParts(parts(pageRuns), parts(floorRuns))}; the machine's CPU during a run ${runCpu(pageRuns)}; during a floor run ${runCpu(floorRuns)} (the floor is served by the bench: the console server's figure is its background work) (medians)`,
      });
      const failing = [...new Set(pageRuns.flatMap((r) => r.failing))];
      rows.push({
        section: "6",
        metric: `Lighthouse accessibility ${page.path}`,
        measured: String(a11y),
        floor: `404 page ${median(floorRuns.map((r) => r.accessibility))}`,
        ratio: a11y,
        ratioText: "",
        budget: { op: ">=", limit: 100, unit: "" },
        ...(failing.length ? { note: `failing audits: ${failing.join(", ")}` } : {}),
      });
    }
    return { section: "6", title: "Lighthouse", rows, details };
  } catch (error) {
    return { section: "6", title: "Lighthouse", rows: [], error: `Lighthouse could not run: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    chrome.kill();
    await floorPage?.close();
  }
}
