// #12: a connection's page against Flow Service at network latency (info, no budget in the issue).
// The page shows what the console stores as soon as the database answers and streams Flow
// Service's view of the connection in when it comes (components/connections/detail/
// stored-and-live-fields.tsx): its heading should arrive long before the GET the page makes, and
// the whole page about when that GET does. Floor: the same GET straight to the simulator; each
// page and its floor start from the same seed, so both meet the same network delay.
import { db } from "../lib/db";
import { SANDBOX_COOKIE, type BenchContext } from "./context";
import { networkLatency, OVERHEAD_PROFILE, setSimLatency } from "./latency";
import { p50, p95, timed } from "./stats";
import { ms, type Row, type Section } from "./table";

/** When the page's heading (its shell) arrived and when the whole page had, from the request. */
async function timeStreamedPage(ctx: BenchContext, path: string, sandbox: string): Promise<{ headingMs: number; wholeMs: number; text: string; status: number }> {
  const started = performance.now();
  const response = await fetch(`${ctx.bench.origin}${path}`, { headers: { cookie: ctx.session.cookieHeader({ [SANDBOX_COOKIE]: sandbox }) }, redirect: "manual" });
  const decoder = new TextDecoder();
  let text = "";
  let headingMs = Number.NaN;
  if (!response.body) throw new Error(`${path} answered ${response.status} with no body`);
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    if (Number.isNaN(headingMs) && text.includes("<h1")) headingMs = performance.now() - started;
  }
  return { headingMs, wholeMs: performance.now() - started, text: text + decoder.decode(), status: response.status };
}

export async function measureConnectionPage(ctx: BenchContext, sandbox: string): Promise<Section> {
  const target = await db.connection.findFirst({ where: { sandboxName: sandbox, remoteMissingSince: null }, orderBy: { name: "asc" }, select: { remoteId: true } });
  if (!target) throw new Error(`no stored connection in sandbox ${sandbox} for #12`);
  const path = `/connections/${encodeURIComponent(target.remoteId)}`;
  const warmup = 3;
  const iterations = ctx.quick ? 5 : 60;
  const heading: number[] = [];
  const whole: number[] = [];
  const direct: number[] = [];
  try {
    for (let i = 0; i < warmup + iterations; i++) {
      await setSimLatency(ctx, networkLatency.profile(5_000 + i));
      const page = await timeStreamedPage(ctx, path, sandbox);
      // The connection's page (not a redirect or a 404), read to its end, which comes once the live
      // part has streamed in, and that part is the fields, not the warning of a failed read.
      if (page.status !== 200 || Number.isNaN(page.headingMs) || !page.text.includes("Live in Flow Service") || page.text.includes("Live fields unavailable")) {
        throw new Error(`${path} answered ${page.status} without its live fields`);
      }
      await setSimLatency(ctx, networkLatency.profile(5_000 + i));
      const get = await timed(() => ctx.flow.getConnection(target.remoteId, { sandbox }));
      if (i < warmup) continue;
      heading.push(page.headingMs);
      whole.push(page.wholeMs);
      direct.push(get.ms);
    }
  } finally {
    await setSimLatency(ctx, OVERHEAD_PROFILE);
  }
  const floor = `GET of the connection direct: ${ms(p50(direct))} / ${ms(p95(direct))}`;
  const n = `n=${iterations}`;
  const rows: Row[] = [
    {
      section: "12",
      metric: `connection page, ${networkLatency.short}: its heading arrives (p50 / p95, ${n})`,
      measured: `${ms(p50(heading))} / ${ms(p95(heading))}`,
      floor,
      ratio: p50(heading) / p50(direct),
      note: "the stored fields, the panels and the history come in the page's first chunks, before Flow Service's answer; ratio: p50 against the GET's p50",
    },
    {
      section: "12",
      metric: `connection page, ${networkLatency.short}: the whole page, live column streamed in (p50 / p95, ${n})`,
      measured: `${ms(p50(whole))} / ${ms(p95(whole))}`,
      floor,
      ratio: p50(whole) / p50(direct),
      note: "ratio: p50 against the GET's p50, which the page makes once while it renders",
    },
  ];
  return { section: "12", title: "connection page", rows, details: { samplesMs: { heading, whole, direct } } };
}
