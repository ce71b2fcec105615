// The gate installed on a real HTTP server, as instrumentation.ts installs it on Next's: once per
// process, so every test here shares its limit of 2 and its 1.5 s longest wait.
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gatePageRenders, installedRenderGate } from "@/lib/render-gate/install";
import { givePlaceBackAfterShell } from "@/lib/render-gate/place";

const waits: number[] = [];
let refusals = 0;
gatePageRenders(2, { waited: (ms) => waits.push(ms), refused: () => refusals++ }, 1_500);

/**
 * Requests the server's handler saw, in order, each held open until released. A "shell" page is a
 * render that will wait on an outside system: a tick later (its place must still be reachable
 * after an asynchronous hop, as in a React render) it asks to give its place back after its shell.
 */
const seen: string[] = [];
const held = new Map<string, ServerResponse>();
const server = createServer((request, response) => {
  seen.push(`${request.method} ${request.url}`);
  if (request.url?.includes("hold")) held.set(request.url, response);
  else if (request.url?.includes("shell")) {
    setTimeout(() => {
      givePlaceBackAfterShell();
      held.set(request.url!, response);
    }, 1);
  } else response.end("ok");
});
let origin = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const stats = () => installedRenderGate()!.stats();

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out; gate ${JSON.stringify(stats())}, seen ${JSON.stringify(seen)}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function release(path: string): void {
  held.get(path)!.end("done");
  held.delete(path);
}

/**
 * Sends a page request and waits until the gate took it in (rendering or in line). The answer is
 * wrapped: an async function returning the fetch's promise would wait for the answer itself.
 */
async function send(path: string, init?: RequestInit): Promise<{ answer: Promise<Response> }> {
  const before = stats().inFlight + stats().waiting;
  const answer = fetch(`${origin}${path}`, init);
  answer.catch(() => undefined);
  await until(() => stats().inFlight + stats().waiting === before + 1);
  return { answer };
}

describe("page render gate on an HTTP server", () => {
  it("renders two pages at once and the others in arrival order", async () => {
    seen.length = 0;
    const answers = [];
    for (const n of [1, 2, 3, 4]) answers.push((await send(`/hold-${n}`)).answer);
    expect(seen).toEqual(["GET /hold-1", "GET /hold-2"]);
    expect(stats()).toMatchObject({ inFlight: 2, waiting: 2 });
    release("/hold-2");
    await until(() => seen.length === 3);
    release("/hold-1");
    await until(() => seen.length === 4);
    expect(seen).toEqual(["GET /hold-1", "GET /hold-2", "GET /hold-3", "GET /hold-4"]);
    release("/hold-3");
    release("/hold-4");
    expect(await Promise.all(answers.map(async (a) => (await a).status))).toEqual([200, 200, 200, 200]);
    await until(() => stats().inFlight === 0);
    expect(waits.slice(-4).filter((ms) => ms > 0)).toHaveLength(2);
  });

  it("lets static files, route handlers and server actions through while pages wait", async () => {
    seen.length = 0;
    const pages = [(await send("/hold-a")).answer, (await send("/hold-b")).answer, (await send("/hold-c")).answer];
    for (const [path, init] of [["/_next/static/chunk.js"], ["/api/health"], ["/connections", { method: "POST", headers: { "next-action": "x" } }]] as const) {
      expect((await fetch(`${origin}${path}`, init)).status, path).toBe(200);
    }
    expect(seen).toEqual(["GET /hold-a", "GET /hold-b", "GET /_next/static/chunk.js", "GET /api/health", "POST /connections"]);
    release("/hold-a");
    await until(() => held.has("/hold-c"));
    release("/hold-b");
    release("/hold-c");
    await Promise.all(pages);
  });

  it("never renders a page whose client hung up while it waited", async () => {
    seen.length = 0;
    const refusedBefore = refusals;
    const first = (await send("/hold-x")).answer;
    const second = (await send("/hold-y")).answer;
    const abort = new AbortController();
    await send("/hold-gone", { signal: abort.signal });
    const after = (await send("/hold-z")).answer;
    abort.abort();
    await until(() => stats().waiting === 1);
    release("/hold-x");
    await until(() => held.has("/hold-z"));
    release("/hold-y");
    release("/hold-z");
    await Promise.all([first, second, after]);
    expect(seen).toEqual(["GET /hold-x", "GET /hold-y", "GET /hold-z"]);
    expect(refusals, "it left the line at once: nothing expired").toBe(refusedBefore);
  });

  it("answers 503 to a page that waited longer than the longest wait, without rendering it", async () => {
    seen.length = 0;
    const before = refusals;
    const pages = [(await send("/hold-1s")).answer, (await send("/hold-2s")).answer];
    const late = await (await send("/hold-late")).answer;
    expect(late.status).toBe(503);
    expect(late.headers.get("retry-after")).toBe("5");
    expect(late.headers.get("content-security-policy")).toBe("default-src 'none'");
    expect(await late.text()).toContain("The console is busy");
    expect(refusals).toBe(before + 1);
    expect(stats()).toMatchObject({ inFlight: 2, waiting: 0 });
    release("/hold-1s");
    release("/hold-2s");
    await Promise.all(pages);
    expect(seen).toEqual(["GET /hold-1s", "GET /hold-2s"]);
  });

  it("takes the place back from a render that waits after its shell, once the shell is written", async () => {
    seen.length = 0;
    const streaming = (await send("/shell-page")).answer;
    const other = (await send("/hold-other")).answer;
    await until(() => held.has("/shell-page"));
    const next = (await send("/hold-next")).answer;
    // Asked to give its place back, the render keeps it until its shell goes out.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stats()).toMatchObject({ inFlight: 2, waiting: 1 });
    held.get("/shell-page")!.write("shell");
    await until(() => held.has("/hold-next"));
    // The streaming page is still open, outside the gate; the other two hold its two places.
    expect(stats()).toMatchObject({ inFlight: 2, waiting: 0 });
    release("/hold-other");
    release("/hold-next");
    await until(() => stats().inFlight === 0);
    // Its end frees nothing more: the place it gave back is not given back twice.
    release("/shell-page");
    expect(await (await streaming).text()).toBe("shelldone");
    await Promise.all([other, next]);
    expect(stats()).toMatchObject({ inFlight: 0, waiting: 0 });
    expect(seen).toEqual(["GET /shell-page", "GET /hold-other", "GET /hold-next"]);
  });
});
