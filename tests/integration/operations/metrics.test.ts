// Scrapes /api/metrics as Prometheus would, after the console did the things its metrics count,
// and checks every s3console_* name and its labels.
import { describe, expect, inject, it } from "vitest";
import { GET as scrapeRoute } from "@/app/api/metrics/route";
import { authorizeCredentials } from "@/lib/auth/authorize";
import { rotateSessionToken } from "@/lib/connections/rotate-token";
import { rotateTokenSchema } from "@/lib/connections/schemas";
import { syncSandbox } from "@/lib/connections/sync";
import { db } from "@/lib/db";
import { resetServerEnv } from "@/lib/env";
import { flowService } from "@/lib/flow-service/server";
import { createUser } from "@/lib/users/accounts";
import { createDemoConnection } from "../support/connections";
import { useTestServices } from "../support/use-test-services";

const TOKEN = "scrape-token-0123456789abcdef";
const actor = { email: "ops@example.com" };

type Sample = { name: string; labels: Record<string, string>; value: number };

/** The Prometheus text format, as far as these assertions need it. */
function parseExposition(text: string): Sample[] {
  return text
    .split("\n")
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not an exposition line: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]));
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

const request = (authorization?: string) => new Request("http://console.test/api/metrics", { headers: authorization ? { authorization } : {} });

function withToken<T>(token: string | undefined, run: () => Promise<T>): Promise<T> {
  const previous = process.env.METRICS_TOKEN;
  if (token === undefined) delete process.env.METRICS_TOKEN;
  else process.env.METRICS_TOKEN = token;
  resetServerEnv();
  return run().finally(() => {
    if (previous === undefined) delete process.env.METRICS_TOKEN;
    else process.env.METRICS_TOKEN = previous;
    resetServerEnv();
  });
}

const find = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));

describe(`Prometheus metrics (${inject("databaseTarget")})`, () => {
  const services = useTestServices();

  it("does not exist while METRICS_TOKEN is unset", async () => {
    const response = await withToken(undefined, () => scrapeRoute(request(`Bearer ${TOKEN}`)));
    expect(response.status).toBe(404);
    expect(await response.text()).toBe("");
  });

  it("answers a missing or wrong token with a bare 401", async () => {
    for (const authorization of [undefined, "Bearer wrong-token-0123456789", `Basic ${TOKEN}`, TOKEN]) {
      const response = await withToken(TOKEN, () => scrapeRoute(request(authorization)));
      expect(response.status, String(authorization)).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe("Bearer");
      expect(await response.text()).toBe("");
    }
  });

  it("counts Flow Service calls, retries, conflicts, rotations, syncs, sign-ins and expiring tokens", async () => {
    // Rotations: one by a person, one in a bulk run, one conflict, one refused before any call.
    const first = await createDemoConnection("Metrics one", actor);
    const second = await createDemoConnection("Metrics two", actor);
    const soon = new Date(Date.now() + 2 * 3_600_000).toISOString().slice(0, 16);
    expect((await rotateSessionToken("prod", first.remoteId, rotateTokenSchema.parse({ s3SessionToken: "t1", sessionTokenExpiresAt: soon }), actor)).ok).toBe(true);
    expect((await rotateSessionToken("prod", second.remoteId, rotateTokenSchema.parse({ s3SessionToken: "t2" }), actor, { trigger: "bulk" })).ok).toBe(true);
    services.flow.touch(second.remoteId);
    expect(await rotateSessionToken("prod", second.remoteId, rotateTokenSchema.parse({ s3SessionToken: "t3" }), actor)).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(await rotateSessionToken("prod", "not-in-the-inventory", rotateTokenSchema.parse({ s3SessionToken: "t4" }), actor)).toMatchObject({ ok: false, error: { code: "not_found" } });
    await db.connection.update({ where: { sandboxName_remoteId: { sandboxName: "prod", remoteId: second.remoteId } }, data: { sessionTokenExpiresAt: new Date(Date.now() - 60_000) } });
    // A retried read, and a sync.
    services.flow.addFault({ method: "GET", pathPattern: `/connections/${first.remoteId}$`, kind: "status", status: 503, times: 1 });
    await flowService().getConnection(first.remoteId, { sandbox: "prod" });
    await syncSandbox("prod", actor);
    // Sign-ins: a success and a failure.
    await createUser({ email: "metrics@example.com", name: "Metrics", role: "viewer", password: "a-long-enough-password" });
    expect((await authorizeCredentials({ email: "metrics@example.com", password: "a-long-enough-password" })).ok).toBe(true);
    expect((await authorizeCredentials({ email: "metrics@example.com", password: "not-the-password" })).ok).toBe(false);

    const response = await withToken(TOKEN, () => scrapeRoute(request(`Bearer ${TOKEN}`)));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const samples = parseExposition(await response.text());

    const duration = "s3console_flow_service_request_duration_seconds";
    for (const [operation, status] of [["createConnection", "201"], ["patchConnection", "200"], ["patchConnection", "412"], ["getConnection", "503"], ["getConnection", "200"], ["listConnections", "200"]] as const) {
      expect(find(samples, `${duration}_count`, { operation, status })[0]?.value, `${operation} ${status}`).toBeGreaterThanOrEqual(1);
    }
    expect(find(samples, `${duration}_bucket`, { operation: "patchConnection", status: "200", le: "+Inf" })).toHaveLength(1);
    expect(find(samples, "s3console_flow_service_retries_total", { operation: "getConnection", reason: "unavailable" })[0]?.value).toBe(1);
    expect(find(samples, "s3console_flow_service_conflicts_total", { operation: "patchConnection" })[0]?.value).toBe(1);

    const rotations = (outcome: string, trigger: string) => find(samples, "s3console_rotations_total", { outcome, trigger })[0]?.value;
    expect([rotations("success", "manual"), rotations("success", "bulk"), rotations("conflict", "manual"), rotations("rejected", "manual"), rotations("success", "automatic"), rotations("failure", "manual")]).toEqual([1, 1, 1, 1, 0, 0]);

    expect(find(samples, "s3console_sync_duration_seconds_count", { sandbox: "prod", outcome: "success" })[0]?.value).toBe(1);
    expect(find(samples, "s3console_sync_connections_total", { sandbox: "prod", result: "seen" })[0]?.value).toBe(2);
    expect(new Set(find(samples, "s3console_sync_connections_total").map((s) => s.labels.result))).toEqual(new Set(["seen", "imported", "updated", "drifted", "missing"]));

    expect(find(samples, "s3console_sign_ins_total", { method: "credentials", outcome: "success" })[0]?.value).toBe(1);
    expect(find(samples, "s3console_sign_ins_total", { method: "credentials", outcome: "failure" })[0]?.value).toBe(1);
    expect(find(samples, "s3console_sign_ins_total", { method: "credentials", outcome: "throttled" })[0]?.value).toBe(0);

    expect(find(samples, "s3console_session_tokens_expiring").map((s) => [s.labels.sandbox, s.value])).toEqual([["prod", 1], ["dev", 0]]);
    expect(find(samples, "s3console_session_tokens_expired").map((s) => [s.labels.sandbox, s.value])).toEqual([["prod", 1], ["dev", 0]]);

    // prom-client's default process metrics, under their standard names.
    for (const name of ["process_cpu_seconds_total", "process_resident_memory_bytes", "nodejs_heap_size_used_bytes", "nodejs_eventloop_lag_seconds"]) expect(find(samples, name).length, name).toBeGreaterThan(0);

    // The page render gate's series, there before any page: this test process serves none (the
    // gate sits on the console server's HTTP server; tests/e2e/page-render-gate.spec.ts).
    expect(find(samples, "s3console_page_renders_in_flight")[0]?.value).toBe(0);
    expect(find(samples, "s3console_page_renders_waiting")[0]?.value).toBe(0);
    expect(find(samples, "s3console_page_render_wait_seconds_count")[0]?.value).toBe(0);
    expect(find(samples, "s3console_page_renders_refused_total")[0]?.value).toBe(0);

    // Every metric of the console's own carries the prefix and only the labels documented for it.
    const labelsOf = new Map<string, Set<string>>();
    for (const sample of samples.filter((s) => s.name.startsWith("s3console_"))) {
      const base = sample.name.replace(/_(bucket|sum|count)$/, "");
      for (const label of Object.keys(sample.labels).filter((l) => l !== "le")) (labelsOf.get(base) ?? labelsOf.set(base, new Set()).get(base)!).add(label);
    }
    expect(Object.fromEntries([...labelsOf].map(([name, labels]) => [name, [...labels].sort()]))).toEqual({
      s3console_flow_service_request_duration_seconds: ["operation", "status"],
      s3console_flow_service_retries_total: ["operation", "reason"],
      s3console_flow_service_conflicts_total: ["operation"],
      s3console_rotations_total: ["outcome", "trigger"],
      s3console_sync_duration_seconds: ["outcome", "sandbox"],
      s3console_sync_connections_total: ["result", "sandbox"],
      s3console_sign_ins_total: ["method", "outcome"],
      s3console_session_tokens_expiring: ["sandbox"],
      s3console_session_tokens_expired: ["sandbox"],
    });
  });
});
