// The Flow Service simulator in a process of its own, standing in for the remote Flow Service:
// its CPU time is not charged to the bench's client loop, and it keeps no data file (persisting
// a snapshot of every connection after each write is the simulator's cost, not the console's).
// Sandboxes come from BENCH_SIM_SANDBOXES; the parent is told the URLs over IPC.
import { startFlowServiceSimulator } from "../simulators/flow-service";

async function main(): Promise<void> {
  const sandboxes = (process.env.BENCH_SIM_SANDBOXES ?? "prod,dev").split(",").map((s) => s.trim()).filter(Boolean);
  // FLOW_SIM_LATENCY: the starting latency profile; the bench switches it per measurement through
  // the control API (POST /__sim/latency).
  const sim = await startFlowServiceSimulator({ port: 0, host: "127.0.0.1", sandboxes, latency: process.env.FLOW_SIM_LATENCY });
  process.send?.({ type: "ready", url: sim.url, imsUrl: sim.imsUrl, origin: sim.origin, clientId: sim.clientId, clientSecret: sim.clientSecret, orgId: sim.orgId });
  const stop = () => {
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  process.on("disconnect", stop);
}

main().catch((error: unknown) => {
  process.send?.({ type: "error", message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
