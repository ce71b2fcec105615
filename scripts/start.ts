// `npm start`: runs the console with everything it needs on loopback and prints one summary.
// Ctrl-C stops every child process; the next start reuses the data folder.
import { StackStartError } from "./stack/config";
import { startStack, type Stack } from "./stack/start-stack";

const dev = process.argv.includes("--dev");
// `npm start -- --instances 2`: several console instances on one database behind a local proxy.
const instancesArg = process.argv.find((arg, index, all) => arg.startsWith("--instances=") || all[index - 1] === "--instances");
const instances = instancesArg ? Number(instancesArg.replace("--instances=", "")) : 1;
if (!Number.isInteger(instances) || instances < 1 || instances > 8) {
  console.error("✖ Cannot start: --instances takes a whole number from 1 to 8");
  process.exit(1);
}
const log = (line: string) => console.log(`  · ${line}`);

function summary(stack: Stack): string {
  const s = stack.services;
  const lines = [
    "",
    "S3 Source Console is running",
    "",
    `  Console          ${stack.consoleUrl}${instances > 1 ? `   (a local proxy in front of ${instances} instances sharing one database)` : ""}`,
    `  Sign in          ${stack.admin.email}`,
    stack.admin.generatedPassword
      ? `  Password         ${stack.admin.generatedPassword}   (generated now and shown only once: keep it)`
      : stack.admin.created
        ? "  Password         the value of ADMIN_PASSWORD"
        : "  Password         unchanged since the first start (set when the admin was created)",
    `  Database         ${stack.embeddedDatabase ? `embedded PostgreSQL 18 on 127.0.0.1, data in ${stack.dataDir}/pg` : "PostgreSQL from DATABASE_URL"}`,
    ...s.summary.map(([label, value]) => `  ${label.padEnd(17)}${value}`),
    `  Data folder      ${stack.dataDir}`,
    "",
    "Press Ctrl-C to stop everything.",
    "",
  ];
  return lines.join("\n");
}

let stack: Stack | undefined;
let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  console.log("\nstopping…");
  await stack?.stop();
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

try {
  console.log("Starting S3 Source Console…");
  stack = await startStack({ dev, build: true, log, instances });
  console.log(summary(stack));
} catch (error) {
  if (error instanceof StackStartError || (error instanceof Error && error.name === "EnvError")) {
    console.error(`\n✖ Cannot start: ${error.message}`);
  } else {
    console.error("\n✖ Cannot start: unexpected error", error);
  }
  process.exit(1);
}
