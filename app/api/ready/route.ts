// Readiness for load balancers and Kubernetes: 200 when every check in lib/health/checks.ts
// passes, 503 otherwise, with each check's outcome and time. Query strings and bodies are never
// read; no session is needed (proxy.ts lets it through); nothing about the configuration is shown.
import { currentReadiness } from "@/lib/health/readiness";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const report = await currentReadiness();
  return Response.json(report, { status: report.status === "ready" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
