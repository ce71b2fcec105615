// The Flow Service simulator's control API (loopback only), for seeding, faults and
// out-of-band changes during browser tests.
function controlUrl(path: string): string {
  const base = process.env.E2E_SIMULATOR_URL;
  if (!base) throw new Error("E2E_SIMULATOR_URL is not set");
  return `${new URL(base).origin}/__sim${path}`;
}

async function control(method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(controlUrl(path), { method, headers: body ? { "content-type": "application/json" } : {}, body: body ? JSON.stringify(body) : undefined });
  if (!response.ok) throw new Error(`simulator control ${method} ${path} answered ${response.status}`);
  return response.status === 204 ? undefined : response.json();
}

export const simulator = {
  seed: (count: number, sandbox: string) => control("POST", "/seed", { count, sandbox }),
  touch: (id: string) => control("POST", `/connections/${encodeURIComponent(id)}/touch`),
  fault: (spec: Record<string, unknown>) => control("POST", "/faults", spec),
  clearFaults: () => control("DELETE", "/faults"),
  /** Moves the simulators' shared clock forward; resolves once the runs that fell due have run. */
  advanceClock: (seconds: number) => control("POST", "/clock", { advanceSeconds: seconds }),
};
