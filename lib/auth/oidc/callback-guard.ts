// Throttling and audit around the single sign-on callback (/api/auth/callback/oidc), where
// next-auth exchanges the code and verifies the ID token. A client address that failed too often
// is turned away before the identity provider is called; an answer that fails verification (wrong
// issuer, audience or nonce, expired, forged) or a provider that cannot be reached counts as a
// failed sign-in from that address and is audited. Refusals after verification (no mapped group,
// disabled account) are counted and audited where they are decided (admit.ts).
import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import { recordSignIn } from "@/lib/metrics";
import { serverEnv } from "@/lib/env";
import { clientAddress } from "../client-address";
import { recordFailure, retryAfterMs } from "../throttle";
import { OIDC_PROVIDER_ID } from "./provider";

const CALLBACK_PATH = `/api/auth/callback/${OIDC_PROVIDER_ID}`;
const UNVERIFIED = new Set(["OAuthCallback", "Callback"]);

function redirectTo(path: string): Response {
  // A relative location: the browser resolves it against the address it used.
  return new Response(null, { status: 302, headers: { location: path } });
}

export async function guardOidcCallback(request: Request, handle: () => Promise<Response>): Promise<Response> {
  if (new URL(request.url).pathname !== CALLBACK_PATH) return handle();
  const address = clientAddress(request.headers, serverEnv().TRUST_PROXY);
  const keys = address ? [`ip:${address}`] : [];
  const actor = { email: `(single sign-on from ${address ?? "an unknown address"})` };
  if (keys.length && (await retryAfterMs(keys)) > 0) {
    await recordAuditEvent({ actor, action: "auth.sign_in", targetType: "session", outcome: "failure", details: { method: "oidc", reason: "throttled" } });
    recordSignIn("throttled", "oidc");
    return redirectTo("/sign-in?error=Throttled");
  }
  const response = await handle();
  const location = response.headers.get("location");
  const error = location ? new URL(location, request.url).searchParams.get("error") : null;
  if (error && UNVERIFIED.has(error)) {
    if (keys.length) await recordFailure(keys);
    await recordAuditEvent({ actor, action: "auth.sign_in", targetType: "session", outcome: "failure", details: { method: "oidc", reason: "the identity provider's answer was refused or it could not be reached" } });
    recordSignIn("failure", "oidc");
  }
  return response;
}
