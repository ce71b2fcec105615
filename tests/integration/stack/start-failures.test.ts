// `npm start` with bad input: one clear line naming the problem and the fix, and nothing left
// running. These failures happen before any build, so they are cheap to exercise for real.
import { createServer, type Server } from "node:net";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { freePort, freeStackPorts } from "@/scripts/free-port";
import { StackStartError } from "@/scripts/stack/config";
import { startStack } from "@/scripts/stack/start-stack";

async function occupy(port: number): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return server;
}

async function baseEnv() {
  return {
    DATA_DIR: mkdtempSync(join(tmpdir(), "start-failure-")),
    ...(await freeStackPorts()),
  };
}

describe("start-up failures", () => {
  let blocker: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => (blocker ? blocker.close(resolve) : resolve(undefined)));
    blocker = undefined;
  });

  it("names a port that is already taken and the variable that moves it", async () => {
    const env = await baseEnv();
    blocker = await occupy(Number(env.S3_SIM_PORT));
    await expect(startStack({ env, build: false })).rejects.toThrow(new StackStartError(`port ${env.S3_SIM_PORT} (S3 test server) is already in use: stop what uses it, or set S3_SIM_PORT to a free port`));
  });

  it("rejects a malformed DATABASE_URL before touching anything", async () => {
    await expect(startStack({ env: { ...(await baseEnv()), DATABASE_URL: "localhost:5432/console" }, build: false })).rejects.toThrow(/DATABASE_URL is not a valid postgresql:\/\/ URL/);
  });

  it.each([
    [{ TRUST_PROXY: "everyone" }, "TRUST_PROXY must be a number of proxy hops"],
    [{ OIDC_ISSUER: "login.example.com", OIDC_CLIENT_ID: "c", OIDC_CLIENT_SECRET: "s", OIDC_ROLE_MAP: "a:admin" }, "OIDC_ISSUER must be the identity provider's issuer URL"],
    [{ OIDC_ISSUER: "https://login.example.com", OIDC_CLIENT_ID: "c", OIDC_CLIENT_SECRET: "s", OIDC_ROLE_MAP: "a:superuser" }, 'OIDC_ROLE_MAP names an unknown role "superuser"'],
    [{ OIDC_ISSUER: "https://login.example.com", OIDC_CLIENT_ID: "c", OIDC_ROLE_MAP: "a:admin" }, "OIDC_CLIENT_SECRET is required when OIDC_ISSUER is set"],
  ])("stops on malformed sign-in settings with one line naming the variable, before starting anything (%#)", async (bad, message) => {
    const env = { ...(await baseEnv()), ...bad };
    const attempt = startStack({ env, build: false });
    await expect(attempt).rejects.toThrow(StackStartError);
    await expect(startStack({ env, build: false })).rejects.toThrow(new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[^\n]*$`));
    const probe = await occupy(Number(env.DB_PORT));
    await new Promise((resolve) => probe.close(resolve));
  });

  it("names an unreachable database, then stops everything it had started", async () => {
    const closed = await freePort();
    const env = { ...(await baseEnv()), DATABASE_URL: `postgresql://postgres@127.0.0.1:${closed}/console` };
    await expect(startStack({ env, build: false })).rejects.toThrow(`cannot reach the database at 127.0.0.1:${closed}/console (ECONNREFUSED): start it or fix DATABASE_URL`);
    // Nothing is left listening on the ports the stack would have used.
    for (const port of [env.PORT, env.FLOW_SIM_PORT, env.S3_SIM_PORT, env.STS_SIM_PORT]) {
      const probe = await occupy(Number(port));
      await new Promise((resolve) => probe.close(resolve));
    }
  });
});
