// Console instances for the multi-instance tests: real `next start` processes of the production
// build (the same command the local stack and the image run), sharing one database and the test's
// simulators. Each instance runs its own job workers, as in production.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Session } from "@/bench/session";
import { actionId, callAction } from "@/bench/server-action";
import { freePort } from "@/scripts/free-port";
import { startNextServer, type NextServer } from "@/scripts/stack/next-server";

export const OPERATOR = { email: "cluster-operator@example.com", password: "cluster-operator-password" };

const PASSED_FROM_TEST_ENV = ["OUTBOUND_ALLOW", "FLOW_SERVICE_URL", "ADOBE_IMS_URL", "ADOBE_CLIENT_ID", "ADOBE_CLIENT_SECRET", "ADOBE_ORG_ID", "S3_ENDPOINT", "STS_ENDPOINT", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "FLOW_SERVICE_TIMEOUT_MS"];

export type Instance = { name: string; server: NextServer; session: Session; logFile: string };

export class Cluster {
  readonly instances = new Map<string, Instance>();
  private readonly logDir = mkdtempSync(join(tmpdir(), "s3console-cluster-"));

  constructor(
    private databaseUrl: string,
    private readonly extraEnv: Record<string, string> = {},
  ) {}

  env(): Record<string, string> {
    const passed = Object.fromEntries(PASSED_FROM_TEST_ENV.flatMap((name) => (process.env[name] ? [[name, process.env[name]!]] : [])));
    return {
      ...passed,
      DATABASE_URL: this.databaseUrl,
      // Equal on every instance, and to this process's: secrets sealed here (webhook endpoints) open there.
      AUTH_SECRET: process.env.AUTH_SECRET ?? "cluster-tests-shared-auth-secret-0123456789",
      AUTH_TRUST_HOST: "true",
      CONSOLE_SANDBOXES: "prod",
      SYNC_INTERVAL_SECONDS: "0",
      // A killed instance's jobs are taken over after this long.
      JOB_TIMEOUT_SECONDS: "8",
      LOG_LEVEL: "info",
      ...this.extraEnv,
    };
  }

  useDatabase(url: string): void {
    this.databaseUrl = url;
  }

  async start(name: string, port?: number): Promise<Instance> {
    const logFile = join(this.logDir, `${name}.log`);
    const server = await startNextServer({ port: port ?? (await freePort()), host: "127.0.0.1", env: this.env(), logFile });
    const session = new Session(server.url);
    await session.signIn(OPERATOR.email, OPERATOR.password);
    const instance = { name, server, session, logFile };
    this.instances.set(name, instance);
    return instance;
  }

  /** SIGKILL: no goodbye, jobs in flight left active in the queue. */
  async kill(name: string): Promise<void> {
    const instance = this.instances.get(name);
    if (!instance) return;
    const exited = new Promise((resolve) => instance.server.child.once("exit", resolve));
    instance.server.child.kill("SIGKILL");
    await exited;
    this.instances.delete(name);
  }

  /** SIGTERM: the console's own orderly stop (jobs in flight get a moment to finish). */
  async stop(name: string): Promise<void> {
    await this.instances.get(name)?.server.stop();
    this.instances.delete(name);
  }

  async stopAll(): Promise<void> {
    for (const name of [...this.instances.keys()]) await this.stop(name);
  }

  log(name: string): string {
    return readFileSync(join(this.logDir, `${name}.log`), "utf8");
  }
}

/** Calls a server action of the build through an instance, as the browser does. */
export async function action<T>(instance: Instance, exportedName: string, file: string, page: string, args: unknown[]): Promise<T> {
  const call = await callAction(instance.session, { page, id: actionId(exportedName, file), args });
  return call.result as T;
}
