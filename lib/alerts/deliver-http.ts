// The one HTTP call of webhook delivery: a POST that never follows a redirect, never reads the
// response body (only its status), and gives up after `timeoutMs`. Outbound address rules (the
// egress guard in lib/net) wrap this call; nothing here filters addresses.
import "server-only";
import { NETWORK_WORDS } from "@/lib/net/network-words";

/** fetch's (undici's) own codes, beside the socket's. */
const FETCH_WORDS: Readonly<Record<string, string>> = {
  UND_ERR_SOCKET: "the connection was closed before an answer",
  UND_ERR_CONNECT_TIMEOUT: "the connection timed out",
};

export type HttpOutcome = { ok: true; status: number } | { ok: false; status: number | null; error: string };

function describeFailure(error: unknown, timeoutMs: number): string {
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
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", body, headers, redirect: "manual", signal: AbortSignal.timeout(timeoutMs), cache: "no-store" });
  } catch (error) {
    return { ok: false, status: null, error: describeFailure(error, timeoutMs) };
  }
  // The body is the receiver's business: close it unread (it could be large, slow, or hostile).
  await response.body?.cancel().catch(() => undefined);
  const { status } = response;
  if (status >= 200 && status < 300) return { ok: true, status };
  if (status >= 300 && status < 400) return { ok: false, status, error: `The endpoint answered ${status}, a redirect; redirects are not followed. Register the final URL.` };
  return { ok: false, status, error: `The endpoint answered ${status}.` };
}
