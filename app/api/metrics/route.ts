// Prometheus scrape endpoint. Off (404, as if it did not exist) while METRICS_TOKEN is unset; with
// it set, a request without `Authorization: Bearer <METRICS_TOKEN>` gets a bare 401. No session
// is needed (proxy.ts lets it through): Prometheus has none.
import { serverEnv } from "@/lib/env";
import { scrape } from "@/lib/metrics";
import { bearerTokenMatches } from "@/lib/metrics/bearer";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const token = serverEnv().METRICS_TOKEN;
  if (!token) return new Response(null, { status: 404, headers: { "Cache-Control": "no-store" } });
  if (!bearerTokenMatches(request.headers.get("authorization"), token)) {
    return new Response(null, { status: 401, headers: { "WWW-Authenticate": "Bearer", "Cache-Control": "no-store" } });
  }
  const { body, contentType } = await scrape();
  return new Response(body, { headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
}
