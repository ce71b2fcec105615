// Starts the whole local stack: database (+ migrations), S3 test server, Flow Service simulator,
// first admin and demo data, console (on a restart, the console server starts beside the database
// and the demo's check beside the server). Used by `npm start` and by the e2e tests, so the tests
// exercise exactly what a newcomer runs. Everything started is stopped by stop(), in reverse.
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { authEnvProblem } from "../../lib/auth/config";
import { ensureAuthSecret } from "./auth-secret";
import { parseStackEnv, StackStartError, type StackEnv } from "./config";
import { hasAccounts, launchDatabase } from "./database";
import { buildConsole, buildIsStale, spawnNextServer } from "./next-server";
import { assertPortFree } from "./ports";
import { startRoundRobinProxy } from "./round-robin-proxy";
import { freePort } from "../free-port";
import { importDemoDataflows } from "./demo-dataflows";
import { startLocalServices, type LocalServices } from "./local-services";

export type StackOptions = {
  env?: Record<string, string | undefined>;
  dev?: boolean;
  /** Build when the build is missing or stale (npm start); e2e builds once up front. */
  build?: boolean;
  /** Send the console server's output to this file instead of the terminal. */
  consoleLogFile?: string;
  host?: string;
  log?: (line: string) => void;
  /** Console instances sharing the database behind a local round-robin proxy on PORT (default 1). */
  instances?: number;
};

export type Stack = {
  consoleUrl: string;
  databaseUrl: string;
  embeddedDatabase: boolean;
  dataDir: string;
  admin: { email: string; generatedPassword?: string; created: boolean };
  services: LocalServices;
  consoleEnv: Record<string, string>;
  stop(): Promise<void>;
};

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const log = options.log ?? (() => undefined);
  const env = parseStackEnv(options.env ?? process.env);
  // The console's own sign-in settings, checked before anything starts (the server checks them again).
  const authProblem = authEnvProblem(options.env ?? process.env);
  if (authProblem) throw new StackStartError(authProblem);
  const dataDir = resolve(env.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });

  await assertPortFree(env.PORT, "console", "PORT");
  if (!env.DATABASE_URL) await assertPortFree(env.DB_PORT, "embedded database", "DB_PORT");
  if (!env.FLOW_SERVICE_URL) await assertPortFree(env.FLOW_SIM_PORT, "Flow Service simulator", "FLOW_SIM_PORT");
  await assertPortFree(env.S3_SIM_PORT, "S3 test server", "S3_SIM_PORT");
  if (!env.FLOW_SERVICE_URL && !env.STS_ENDPOINT) await assertPortFree(env.STS_SIM_PORT, "STS simulator", "STS_SIM_PORT");

  const stoppers: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const stopOne of stoppers.reverse()) await stopOne().catch(() => undefined);
    stoppers.length = 0;
  };
  try {
    // The embedded database starts in the background (its URL is known at once); nothing of the
    // stack's own touches it before `ready`, awaited below (and marked handled now, should the
    // services or the build fail first).
    const database = await launchDatabase({ databaseUrl: env.DATABASE_URL, dataDir, port: env.DB_PORT, log });
    stoppers.push(database.stop);
    database.ready.catch(() => undefined);

    const services = await startLocalServices(env, dataDir, options.env ?? process.env);
    stoppers.push(services.stop);

    const consoleEnv = consoleEnvironment(env, options.env ?? process.env, dataDir, database.url, services);
    Object.assign(process.env, consoleEnv);
    if (options.build !== false && !options.dev && buildIsStale()) buildConsole(log);
    const startConsole = () => {
      const started = startConsoles({ count: options.instances ?? 1, port: env.PORT, host: options.host ?? "127.0.0.1", env: consoleEnv, dev: options.dev, logFile: options.consoleLogFile, stoppers, log });
      started.catch(() => undefined); // awaited below; handled now, should the database fail first
      return started;
    };

    // A restart of the embedded database: the console server, which takes a second or two to load
    // its code, starts now, beside the database, and waits for it (DATABASE_WAIT_SECONDS).
    let consoleStarted = database.existing ? startConsole() : undefined;
    await database.ready;
    const admin: SeededAdmin = (await hasAccounts(database.url)) ? { created: false } : await seedAdmin(env);
    const demo = services.demo
      ? importDemoDataflows(services.demo, database.url).catch((error: unknown) => log(`the dataflow demo could not be imported: ${error instanceof Error ? error.message : String(error)}`))
      : Promise.resolve();
    // A first start: the server starts once its admin and the demo's data are there. Otherwise the
    // demo's check (one read) runs beside the server's start; should it find something missing, it
    // puts it back, a write like any other instance's beside it.
    if (!consoleStarted && admin.created) await demo;
    consoleStarted ??= startConsole();
    let consoleUrl: string;
    try {
      consoleUrl = await consoleStarted;
    } finally {
      await demo;
    }

    return {
      consoleUrl: consoleUrl.replace("127.0.0.1", "localhost"),
      databaseUrl: database.url,
      embeddedDatabase: database.embedded,
      dataDir,
      admin: { email: env.ADMIN_EMAIL, ...admin },
      services,
      consoleEnv,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * One console on PORT; or N instances on free ports behind a round-robin proxy on PORT, each with
 * the same environment (same AUTH_SECRET and database), as a team runs them behind a load balancer.
 */
async function startConsoles(options: { count: number; port: number; host: string; env: Record<string, string>; dev?: boolean; logFile?: string; stoppers: (() => Promise<void>)[]; log: (line: string) => void }): Promise<string> {
  // Each server's stop is registered as soon as it is spawned: a stack that fails while a server
  // starts stops that server too.
  const start = async (port: number, env: Record<string, string>) => {
    const next = spawnNextServer({ port, host: options.host, env, dev: options.dev, logFile: options.logFile });
    options.stoppers.push(next.stop);
    await next.listening;
    return next.url;
  };
  if (options.count <= 1) return start(options.port, options.env);
  // The instances see the proxy's X-Forwarded-For: trust exactly that one hop.
  const env = { ...options.env, TRUST_PROXY: options.env.TRUST_PROXY ?? "1" };
  const urls: string[] = [];
  for (let index = 0; index < options.count; index += 1) {
    const url = await start(await freePort(), env);
    urls.push(url);
    options.log(`console instance ${index + 1} on ${url}`);
  }
  const proxy = await startRoundRobinProxy({ port: options.port, host: options.host, targets: urls });
  options.stoppers.push(proxy.close);
  return proxy.url;
}

function consoleEnvironment(env: StackEnv, source: Record<string, string | undefined>, dataDir: string, databaseUrl: string, services: LocalServices): Record<string, string> {
  // Everything the caller configured reaches the console (SYNC_INTERVAL_SECONDS, CONSOLE_SANDBOXES,
  // timeouts...), overridden by what the stack decided (database, simulators, secret).
  // NODE_OPTIONS stays out: scripts may run with --conditions=react-server, which Next must not.
  const passed = Object.fromEntries(Object.entries(source).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[0] !== "NODE_OPTIONS"));
  const out: Record<string, string> = {
    ...passed,
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: ensureAuthSecret(dataDir, source.AUTH_SECRET),
    ...services.consoleEnv,
  };
  // Node 22+ keeps the V8 code of the modules the server loads (Next and the built console, which
  // a start otherwise compiles again) in the data folder, and a restart reuses it; a file that
  // changed is compiled again. Node 20 ignores the variable.
  out.NODE_COMPILE_CACHE = source.NODE_COMPILE_CACHE ?? join(dataDir, "node-compile-cache");
  // Sessions are issued for whatever host the browser used (localhost or 127.0.0.1) unless an
  // explicit public URL is configured.
  if (source.NEXTAUTH_URL) out.NEXTAUTH_URL = source.NEXTAUTH_URL;
  else out.AUTH_TRUST_HOST = "true";
  return out;
}

type SeededAdmin = { created: boolean; generatedPassword?: string };

async function seedAdmin(env: StackEnv): Promise<SeededAdmin> {
  // Imported late: the app's modules read the environment that was just prepared.
  const { seedFirstAdmin } = await import("../../lib/users/accounts");
  const { disconnectDb } = await import("../../lib/db");
  try {
    return await seedFirstAdmin(env.ADMIN_EMAIL, env.ADMIN_PASSWORD);
  } catch (error) {
    throw new StackStartError(`could not create the first admin: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await disconnectDb();
  }
}
