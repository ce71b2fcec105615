// Runs `prisma generate` on machines that cannot download Prisma's schema-engine binary.
// `generate` never executes the schema engine, but the CLI refuses to start unless
// PRISMA_SCHEMA_ENGINE_BINARY names an existing file, so we point it at this script.
// prisma.config.ts reads DATABASE_URL through env(), which throws when unset: a placeholder
// is enough because generate never connects.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
let cli;
try {
  cli = require.resolve("prisma/build/index.js");
} catch {
  // Production installs without devDependencies ship the generated client prebuilt.
  console.log("prisma CLI not installed; skipping client generation");
  process.exit(0);
}

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? fileURLToPath(import.meta.url),
  DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://placeholder@127.0.0.1:5432/placeholder",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};
const result = spawnSync(process.execPath, [cli, "generate"], { env, stdio: "inherit" });
process.exit(result.status ?? 1);
