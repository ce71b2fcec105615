// Runs once when a console server process starts (Next's instrumentation hook): record each
// request's TCP peer address (for sign-in throttling), answer server actions uncompressed
// (lib/startup/uncompressed-actions.ts), then prepare the server
// (lib/startup/prepare-server.ts): validate the environment (a bad value stops the server with
// every problem listed), route Next's own output through the logger, apply pending migrations,
// create the first admin of an empty database, and start the job workers and schedules. Last, put
// page requests through the render gate (lib/startup/page-render-gate.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { recordPeerAddresses } = await import("@/lib/auth/peer-address");
  recordPeerAddresses();
  const { answerActionsUncompressed } = await import("@/lib/startup/uncompressed-actions");
  answerActionsUncompressed();
  const { prepareServer } = await import("@/lib/startup/prepare-server");
  await prepareServer();
  const { gateThisServersPageRenders } = await import("@/lib/startup/page-render-gate");
  gateThisServersPageRenders();
}
