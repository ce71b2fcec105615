// Sign-in throttling keys on the real client address. Twenty failed sign-ins, each for another
// email and each with another forged X-Forwarded-For: without a trusted proxy the console counts
// them all against the TCP peer and blocks after the policy's free failures; with TRUST_PROXY=1 the
// right-most X-Forwarded-For entry (the one the proxy appended) is the client.
import pg from "pg";
import { expect, test } from "@playwright/test";
import { THROTTLE_POLICY } from "../../lib/auth/throttle";
import { freePort } from "../../scripts/free-port";
import { startNextServer, type NextServer } from "../../scripts/stack/next-server";
import { attemptSignIn } from "./support/raw-sign-in";
import { baseUrl } from "./support/sign-in";

test.describe.configure({ timeout: 120_000 });

const ATTEMPTS = 20;

async function throttleKeys(prefix: string): Promise<string[]> {
  const db = new pg.Client({ connectionString: process.env.E2E_DATABASE_DUMP_URL });
  await db.connect();
  try {
    const { rows } = await db.query<{ key: string }>('SELECT key FROM "SignInThrottle" WHERE key LIKE $1 ORDER BY key', [`${prefix}%`]);
    return rows.map((row) => row.key);
  } finally {
    await db.end();
  }
}

async function spray(origin: string, from: string, forwardedFor: (i: number) => string, tag: string): Promise<string[]> {
  const outcomes: string[] = [];
  for (let i = 0; i < ATTEMPTS; i++) {
    outcomes.push(await attemptSignIn(origin, { email: `spray-${tag}-${i}@e2e.test`, password: "not-a-password-1234", from, forwardedFor: forwardedFor(i) }));
  }
  return outcomes;
}

function expectBlockedAfterPolicy(outcomes: string[]) {
  const free = THROTTLE_POLICY.freeFailures;
  expect(outcomes.slice(0, free)).toEqual(Array(free).fill("CredentialsSignin"));
  expect(outcomes.slice(free)).toEqual(Array(ATTEMPTS - free).fill("Throttled"));
}

test("without a trusted proxy, forged X-Forwarded-For values do not escape the per-address limit", async () => {
  const outcomes = await spray(baseUrl(), "127.0.0.2", (i) => `198.51.100.${i + 1}`, "direct");
  expectBlockedAfterPolicy(outcomes);
  expect(await throttleKeys("ip:127.0.0.2")).toEqual(["ip:127.0.0.2"]);
  expect(await throttleKeys("ip:198.51.100.")).toEqual([]);
});

let proxied: NextServer | undefined;
test.afterAll(async () => {
  await proxied?.stop();
});

test("with TRUST_PROXY=1, the right-most X-Forwarded-For entry is the client", async () => {
  const env = JSON.parse(process.env.E2E_CONSOLE_ENV!) as Record<string, string>;
  proxied = await startNextServer({ port: await freePort(), host: "127.0.0.1", env: { ...env, SYNC_INTERVAL_SECONDS: "0", TRUST_PROXY: "1" } });
  // What a proxy forwards: whatever the client claimed, then the address the proxy saw.
  const outcomes = await spray(proxied.url, "127.0.0.3", (i) => `198.51.100.${i + 101}, 203.0.113.9`, "proxied");
  expectBlockedAfterPolicy(outcomes);
  expect(await throttleKeys("ip:203.0.113.")).toEqual(["ip:203.0.113.9"]);
  expect(await throttleKeys("ip:127.0.0.3")).toEqual([]);
  expect(await throttleKeys("ip:198.51.100.1")).toEqual([]);
});
