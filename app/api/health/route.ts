// Liveness: answers as long as the process serves HTTP. It checks no dependency on purpose, so a
// database outage makes instances unready (/api/ready), not restarted. Query strings and bodies
// are never read; no session is needed (proxy.ts lets it through).
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
