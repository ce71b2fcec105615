// #5 First-load JavaScript per route: a fresh Chromium context (empty cache) visits the page
// (signed in, but for /sign-in), and every JavaScript response it receives until the network is
// idle is counted: its body gzipped here (zlib level 6, Next's own compression level) and its size
// on the wire.
// Floor: the same for the prerendered 404 page (the framework and root layout alone). An empty
// Next page already loads about 130 KB, so the budget is what the application adds: the floor
// measured in the same run plus ALLOWANCE_KB.
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from "./browser";
import { SANDBOX_COOKIE, type BenchContext } from "./context";
import { NOT_FOUND_PATH } from "./inventory";
import { kb, type Row, type Section } from "./table";

/** What a page of the application may add to the framework's floor, in KB gzip. */
const ALLOWANCE_KB = 35;

type PageJs = { path: string; files: { url: string; raw: number; gzip: number; wire: number }[]; gzip: number; raw: number; wire: number };

export async function measureFirstLoadJs(ctx: BenchContext, sandbox: string): Promise<Section> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS.filter((flag) => flag !== "--headless") });
  const origin = new URL(ctx.bench.origin);
  const visit = async (path: string, signedIn = true): Promise<PageJs> => {
    const context = await browser.newContext();
    if (signedIn) {
      await context.addCookies([
        { name: "next-auth.session-token", value: ctx.session.sessionToken()!, domain: origin.hostname, path: "/" },
        { name: SANDBOX_COOKIE, value: sandbox, domain: origin.hostname, path: "/" },
      ]);
    }
    const page = await context.newPage();
    const pending: Promise<PageJs["files"][number] | undefined>[] = [];
    page.on("response", (response) => {
      const isScript = response.request().resourceType() === "script" || /\.m?js(\?|$)/.test(new URL(response.url()).pathname);
      if (!isScript || response.status() !== 200) return;
      pending.push(
        (async () => {
          const body = await response.body();
          const sizes = await response.request().sizes();
          return { url: new URL(response.url()).pathname, raw: body.length, gzip: gzipSync(body, { level: 6 }).length, wire: sizes.responseBodySize };
        })().catch(() => undefined),
      );
    });
    await page.goto(`${ctx.bench.origin}${path}`, { waitUntil: "networkidle" });
    const files = (await Promise.all(pending)).filter((file): file is PageJs["files"][number] => file !== undefined);
    await context.close();
    const sum = (key: "raw" | "gzip" | "wire") => files.reduce((total, file) => total + file[key], 0);
    return { path, files, gzip: sum("gzip"), raw: sum("raw"), wire: sum("wire") };
  };
  try {
    const floor = await visit(NOT_FOUND_PATH);
    // The sign-in page is the first page anyone loads, signed out (it sends a signed-in visitor on).
    const pages = [await visit("/sign-in", false), await visit("/connections"), await visit("/connections/new")];
    const rows: Row[] = pages.map((page) => ({
      section: "5",
      metric: `first-load JS of ${page.path} (${page.files.length} files)`,
      measured: `${kb(page.gzip)} gzip`,
      floor: `404 page ${kb(floor.gzip)}`,
      ratio: page.gzip / 1024,
      ratioText: `floor + ${kb(page.gzip - floor.gzip)}`,
      budget: { op: "<=", limit: Math.round((floor.gzip / 1024 + ALLOWANCE_KB) * 10) / 10, unit: ` KB gzip (floor + ${ALLOWANCE_KB})` },
      note: `${page.gzip > floor.gzip + ALLOWANCE_KB * 1024 ? `${kb(page.gzip - floor.gzip - ALLOWANCE_KB * 1024)} over the allowance; ` : ""}${kb(page.raw)} uncompressed, ${kb(page.wire)} on the wire; largest: ${[...page.files].sort((a, b) => b.gzip - a.gzip).slice(0, 3).map((f) => `${f.url.split("/").pop()} ${kb(f.gzip)}`).join(", ")}`,
    }));
    return { section: "5", title: "first-load JS", rows, details: { floor, pages } };
  } finally {
    await browser.close();
  }
}
