// `npm run test:e2e`: Playwright against a production build in Debian's Chromium. Installs
// Chromium with apt when it is missing (never a browser download), builds when stale, runs tests.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { CHROMIUM_PATH as CHROMIUM } from "./chromium";
import { buildConsole, buildIsStale } from "./stack/next-server";

function run(command: string, args: string[], env: Record<string, string> = {}): number {
  return spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } }).status ?? 1;
}

if (!existsSync(CHROMIUM)) {
  console.log(`Chromium not found at ${CHROMIUM}: installing Debian's package with apt…`);
  const sudo = process.getuid?.() === 0 ? [] : ["sudo"];
  const apt = (args: string[]) => run(sudo[0] ?? "apt-get", sudo.length ? ["apt-get", ...args] : args, { DEBIAN_FRONTEND: "noninteractive" });
  if (apt(["install", "-y", "chromium"]) !== 0 && (apt(["update"]) !== 0 || apt(["install", "-y", "chromium"]) !== 0)) {
    console.error("✖ could not install Chromium with apt; install the 'chromium' package or set CHROMIUM_PATH");
    process.exit(1);
  }
}

if (buildIsStale()) buildConsole((line) => console.log(line));
// The global setup imports the app's server-only modules (to seed accounts): resolve them as the
// server does.
const nodeOptions = `${process.env.NODE_OPTIONS ?? ""} --conditions=react-server`.trim();
process.exit(run("npx", ["playwright", "test", ...process.argv.slice(2)], { PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1", NEXT_TELEMETRY_DISABLED: "1", NODE_OPTIONS: nodeOptions }));
