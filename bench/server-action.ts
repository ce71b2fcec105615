// Calling a server action over HTTP the way the browser's router does: POST to the page that uses
// it with the action id (from the build's server reference manifest), the page's router state,
// a JSON array of the arguments, and the session cookie. The answer is a React Flight stream;
// row 0 names the row that holds the action's return value.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Session } from "./session";

type ManifestEntry = { workers: Record<string, unknown>; filename?: string; exportedName?: string };

/** Action id of `exportedName` defined in `filename` (e.g. "app/(console)/connections/actions.ts"). */
export function actionId(exportedName: string, filename: string, root = process.cwd()): string {
  const manifest = JSON.parse(readFileSync(join(root, ".next", "server", "server-reference-manifest.json"), "utf8")) as { node: Record<string, ManifestEntry> };
  const found = Object.entries(manifest.node).filter(([, entry]) => entry.exportedName === exportedName && (entry.filename === undefined || entry.filename === filename));
  if (found.length !== 1) throw new Error(`server action ${exportedName} of ${filename}: ${found.length} entries in the manifest`);
  return found[0]![0];
}

/** The router state tree header the browser sends from a page of the (console) group. */
export function routerStateTree(segments: string[]): string {
  let tree: unknown = ["__PAGE__", {}, null, null, 0];
  for (const segment of [...segments].reverse()) tree = [segment, { children: tree }, null, null, 0];
  const root = ["", { children: ["(console)", { children: tree }, null, null, 0] }, null, null, 16];
  return encodeURIComponent(JSON.stringify(root));
}

export type ActionCall = { status: number; ms: number; bytes: number; result: unknown; revalidated: boolean };

export type ActionRequest = { page: string; id: string; args: unknown[]; cookies?: Record<string, string> };

/**
 * The POST the browser's router sends for an action, as fetch arguments (the session's cookies,
 * none for an anonymous one); `headers` adds to it (e.g. Accept-Encoding).
 */
export function actionRequest(session: Session, options: ActionRequest, headers: Record<string, string> = {}): [string, RequestInit] {
  const segments = options.page.split("/").filter(Boolean);
  return [
    `${session.origin}${options.page}`,
    {
      method: "POST",
      headers: {
        accept: "text/x-component",
        "content-type": "text/plain;charset=UTF-8",
        "next-action": options.id,
        "next-router-state-tree": routerStateTree(segments),
        origin: session.origin,
        cookie: session.cookieHeader(options.cookies),
        ...headers,
      },
      body: JSON.stringify(options.args),
      redirect: "manual",
    },
  ];
}

export async function callAction(session: Session, options: ActionRequest): Promise<ActionCall> {
  const started = performance.now();
  const response = await fetch(...actionRequest(session, options));
  const text = await response.text();
  const ms = performance.now() - started;
  const revalidated = (response.headers.get("x-action-revalidated") ?? "0") !== "0" && response.headers.get("x-action-revalidated") !== "[[],0,0]";
  return { status: response.status, ms, bytes: text.length, result: parseActionResult(text, response.status), revalidated };
}

/** The action's return value from a Flight response: row 0 is {a: "$@<row>", ...}. */
export function parseActionResult(flight: string, status = 200): unknown {
  const rows = new Map<string, string>();
  for (const line of flight.split("\n")) {
    const match = /^([0-9a-f]+):(.*)$/.exec(line);
    if (match && !rows.has(match[1]!)) rows.set(match[1]!, match[2]!);
  }
  const head = rows.get("0");
  if (!head) throw new Error(`action answered ${status} without a Flight row 0: ${flight.slice(0, 200)}`);
  const parsed = JSON.parse(head) as { a?: unknown };
  const reference = parsed.a;
  if (typeof reference !== "string" || !reference.startsWith("$@")) return reference;
  const row = rows.get(reference.slice(2));
  if (row === undefined) throw new Error(`action result row ${reference} missing: ${flight.slice(0, 200)}`);
  return JSON.parse(row) as unknown;
}
