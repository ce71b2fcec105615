// Runs once when a console server process starts (Next's instrumentation hook): validate the
// environment (a bad value stops the server with every problem listed), route Next's own output
// through the logger, apply pending migrations, create the first admin of an empty database, and
// start background sync (lib/startup/prepare-server.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareServer } = await import("@/lib/startup/prepare-server");
  await prepareServer();
}
