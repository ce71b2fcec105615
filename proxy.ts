// Next 16 proxy (formerly middleware): anonymous visitors to any page are sent to sign-in.
// This is a convenience, not the security boundary: pages and server actions check the session
// themselves (lib/auth/session.ts), because a proxy can be bypassed by direct action calls.
import { NextResponse, type NextRequest } from "next/server";
import { decodeSessionCookie } from "@/lib/auth/session-cookie";

// Health, readiness and metrics answer machines without a session (metrics has its own token).
const PUBLIC_PATHS = ["/sign-in", "/api/auth", "/api/health", "/api/ready", "/api/metrics"];

/** HSTS only makes sense over HTTPS: behind a TLS-terminating proxy that says so. */
function withHsts(request: NextRequest, response: NextResponse): NextResponse {
  if (request.headers.get("x-forwarded-proto") === "https" || request.nextUrl.protocol === "https:") {
    response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  }
  return response;
}

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`))) return withHsts(request, NextResponse.next());
  const claims = await decodeSessionCookie(request.cookies.getAll(), process.env.AUTH_SECRET ?? "");
  if (claims) return withHsts(request, NextResponse.next());
  const signIn = new URL("/sign-in", request.url);
  if (pathname !== "/") signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
  return withHsts(request, NextResponse.redirect(signIn));
}

export const config = {
  matcher: [
    {
      // The tab icon (app/icon.svg, served as /icon.svg) loads on the sign-in page too.
      source: "/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)",
      // A server action call (the router's POST with a Next-Action header) skips the proxy: the
      // action checks the session itself and answers `unauthenticated` as a typed result the form
      // shows, where a redirect to the sign-in page would only break the call. Skipping it also
      // saves every action a second cookie decryption.
      missing: [{ type: "header", key: "next-action" }],
    },
  ],
};
