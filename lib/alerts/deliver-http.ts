// The one HTTP call of webhook delivery: a POST through lib/net's guarded fetch (an endpoint an admin
// typed may not aim at the console's own network), that never follows a redirect, never reads the
// response body (only its status), and gives up after `timeoutMs`.
import "server-only";
import { callDeadline } from "@/lib/net/deadline";
import { guardedFetch } from "@/lib/net/fetch";
import { findOutboundRefusal } from "@/lib/net/guard";
import { NETWORK_WORDS } from "@/lib/net/network-words";

/** fetch's (undici's) own codes, beside the socket's. */
const FETCH_WORDS: Readonly<Record<string, string>> = {
  UND_ERR_SOCKET: "the connection was closed before an answer",
  UND_ERR_CONNECT_TIMEOUT: "the connection timed out",
};

export type HttpOutcome = { ok: true; status: number } | { ok: false; status: number | null; error: string };

function describeFailure(error: unknown, timeoutMs: number): string {
  // Never the target's answer, and never the URL's path (it may hold a token): the origin and why.
  const refusal = findOutboundRefusal(error);
  if (refusal) return `This address is not allowed: ${refusal.target} ${refusal.reason}. An administrator can allow it with OUTBOUND_ALLOW.`;
  const name = (error as { name?: string } | null)?.name;
  if (name === "TimeoutError" || name === "AbortError") return `No answer within ${timeoutMs / 1000} s.`;
  // fetch wraps the socket's error: its code says what happened (refused, reset, unknown host…).
  const cause = (error as { cause?: { code?: string } } | null)?.cause;
  const code = cause?.code;
  const words = code ? (NETWORK_WORDS[code] ?? FETCH_WORDS[code]) : undefined;
  if (words) return `Could not reach the endpoint: ${words}.`;
  return `Could not reach the endpoint${code ? ` (${code})` : ""}.`;
}

export async function postWebhook(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<HttpOutcome> {
  const deadline = callDeadline(timeoutMs);
  let response: Response;
  try {
    response = await guardedFetch(url, { method: "POST", body, headers, redirect: "manual", signal: deadline.signal });
    // The body is the receiver's business: close it unread (it could be large, slow, or hostile).
    await response.body?.cancel().catch(() => undefined);
  } catch (error) {
    return { ok: false, status: null, error: describeFailure(error, timeoutMs) };
  } finally {
    deadline.clear();
  }
  const { status } = response;
  if (status >= 200 && status < 300) return { ok: true, status };
  if (status >= 300 && status < 400) return { ok: false, status, error: `The endpoint answered ${status}, a redirect; redirects are not followed. Register the final URL.` };
  return { ok: false, status, error: `The endpoint answered ${status}.` };
}
