// mintSessionCredentials with the real AWS SDK against the local STS simulator.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allowOutbound } from "../support/outbound";
import { mintSessionCredentials, type MintResult } from "@/lib/sts";
import {
  DEMO_CONSOLE_ACCESS_KEY_ID,
  DEMO_CONSOLE_ARN,
  DEMO_CONSOLE_SECRET_ACCESS_KEY,
  DEMO_EXTERNAL_ID,
  DEMO_EXTERNAL_ID_ROLE_ARN,
  DEMO_ROTATION_ROLE_ARN,
  DEMO_UNTRUSTED_ROLE_ARN,
  demoStsSimulatorOptions,
  startStsSimulator,
  type StsSimulator,
} from "@/simulators/sts";

const WRONG_SECRET = "not-the-console-secret-0123456789";
const console_ = { accessKeyId: DEMO_CONSOLE_ACCESS_KEY_ID, secretAccessKey: DEMO_CONSOLE_SECRET_ACCESS_KEY };

let sim: StsSimulator;
/** Every failure seen, checked at the end for leaked secrets. */
const failures: MintResult[] = [];

beforeAll(async () => {
  sim = await startStsSimulator(demoStsSimulatorOptions({ port: 0 }));
  allowOutbound(sim.endpoint);
});
afterAll(async () => {
  await sim?.close();
});

async function mint(...args: Parameters<typeof mintSessionCredentials>): Promise<MintResult> {
  const result = await mintSessionCredentials(...args);
  if (!result.ok) failures.push(result);
  return result;
}

function failed(result: MintResult) {
  if (result.ok) throw new Error("expected a failure");
  return result.error;
}

/** Runs fn with some env vars replaced (undefined deletes), restoring them afterwards. */
async function withEnv<T>(patch: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(patch).map((key) => [key, process.env[key]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  apply(patch);
  try {
    return await fn();
  } finally {
    apply(saved);
  }
}

/** Closes every other route the default chain could take, so only the env vars (if any) count. */
const ISOLATED_CHAIN = {
  AWS_PROFILE: undefined,
  AWS_SESSION_TOKEN: undefined,
  AWS_ROLE_ARN: undefined,
  AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
  AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
  AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
  AWS_EC2_METADATA_DISABLED: "true",
  AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/aws/credentials",
  AWS_CONFIG_FILE: "/nonexistent/aws/config",
};

describe("mintSessionCredentials against the STS simulator", () => {
  it("mints ASIA credentials that expire after the requested duration", async () => {
    const before = Date.now();
    const result = await mint(
      { roleArn: DEMO_ROTATION_ROLE_ARN, durationSeconds: 7200, sessionName: "s3-console-test" },
      { endpoint: sim.endpoint, credentials: console_ },
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(result.secretAccessKey.length).toBeGreaterThanOrEqual(40);
    expect(result.sessionToken.length).toBeGreaterThan(100);
    expect(result.expiration).toBeInstanceOf(Date);
    expect(Math.abs(result.expiration.getTime() - (before + 7200 * 1000))).toBeLessThan(5000);
    expect(result.assumedRoleArn).toBe("arn:aws:sts::000000000000:assumed-role/aep-s3-rotation/s3-console-test");
    const issued = sim.issued().at(-1);
    expect(issued).toMatchObject({ accessKeyId: result.accessKeyId, roleArn: DEMO_ROTATION_ROLE_ARN, callerArn: DEMO_CONSOLE_ARN });
  });

  it("uses the SDK's default credential chain when no credentials are passed", async () => {
    const result = await withEnv(
      { ...ISOLATED_CHAIN, AWS_ACCESS_KEY_ID: DEMO_CONSOLE_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: DEMO_CONSOLE_SECRET_ACCESS_KEY },
      () => mint({ roleArn: DEMO_ROTATION_ROLE_ARN }, { endpoint: sim.endpoint }),
    );
    if (!result.ok) throw new Error(result.error.message);
    // STS's default duration is one hour.
    expect(Math.abs(result.expiration.getTime() - (Date.now() + 3600 * 1000))).toBeLessThan(5000);
  });

  it("says which variables to set when the chain finds no credentials", async () => {
    const result = await withEnv({ ...ISOLATED_CHAIN, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined }, () =>
      mint({ roleArn: DEMO_ROTATION_ROLE_ARN }, { endpoint: sim.endpoint }),
    );
    const error = failed(result);
    expect(error.code).toBe("NoConsoleCredentials");
    expect(error.fix).toMatch(/AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/);
  });

  it("reports AccessDenied for a role that does not trust the console, naming the caller", async () => {
    const error = failed(await mint({ roleArn: DEMO_UNTRUSTED_ROLE_ARN }, { endpoint: sim.endpoint, credentials: console_ }));
    expect(error.code).toBe("AccessDenied");
    expect(error.message).toContain(DEMO_CONSOLE_ARN);
    expect(error.message).toContain(DEMO_UNTRUSTED_ROLE_ARN);
    expect(error.fix).toMatch(/Trust relationships/);
  });

  it("requires the role's external id", async () => {
    const opts = { endpoint: sim.endpoint, credentials: console_ };
    const wrong = failed(await mint({ roleArn: DEMO_EXTERNAL_ID_ROLE_ARN, externalId: "some-other-id" }, opts));
    expect(wrong.code).toBe("AccessDenied");
    expect(wrong.message).toMatch(/external ID does not match/);
    expect(failed(await mint({ roleArn: DEMO_EXTERNAL_ID_ROLE_ARN }, opts)).code).toBe("AccessDenied");
    expect((await mint({ roleArn: DEMO_EXTERNAL_ID_ROLE_ARN, externalId: DEMO_EXTERNAL_ID }, opts)).ok).toBe(true);
  });

  it("fails with SignatureDoesNotMatch when the console's secret is wrong", async () => {
    const error = failed(
      await mint(
        { roleArn: DEMO_ROTATION_ROLE_ARN },
        { endpoint: sim.endpoint, credentials: { accessKeyId: DEMO_CONSOLE_ACCESS_KEY_ID, secretAccessKey: WRONG_SECRET } },
      ),
    );
    expect(error.code).toBe("SignatureDoesNotMatch");
    expect(error.message).toMatch(/secret access key does not match/);
  });

  it("fails with InvalidClientTokenId for an unknown console key", async () => {
    const error = failed(
      await mint({ roleArn: DEMO_ROTATION_ROLE_ARN }, { endpoint: sim.endpoint, credentials: { ...console_, accessKeyId: "AKIAUNKNOWN000000000" } }),
    );
    expect(error.code).toBe("InvalidClientTokenId");
  });

  it("rejects a bad duration locally, and a duration above the role's maximum at STS", async () => {
    const issuedBefore = sim.issued().length;
    const local = failed(await mint({ roleArn: DEMO_ROTATION_ROLE_ARN, durationSeconds: 120 }, { endpoint: sim.endpoint, credentials: console_ }));
    expect(local.code).toBe("ValidationError");
    expect(local.message).toMatch(/at least 900 seconds/);

    // 7200 s is valid for STS in general, but this role keeps AWS's default MaxSessionDuration of one hour.
    const remote = failed(
      await mint(
        { roleArn: DEMO_EXTERNAL_ID_ROLE_ARN, externalId: DEMO_EXTERNAL_ID, durationSeconds: 7200 },
        { endpoint: sim.endpoint, credentials: console_ },
      ),
    );
    expect(remote.code).toBe("ValidationError");
    expect(remote.message).toMatch(/exceeds the MaxSessionDuration/);
    expect(remote.fix).toMatch(/maximum session duration/);
    expect(sim.issued()).toHaveLength(issuedBefore);
  });

  it("reports ExpiredToken when the console's own temporary credentials expired", async () => {
    const expiredSim = await startStsSimulator(
      demoStsSimulatorOptions({
        callers: { ASIACONSOLEEXPIRED01: { secretAccessKey: "expired-secret-0123", sessionToken: "expired-token-0123", expiresAt: "2025-01-01T00:00:00Z", arn: DEMO_CONSOLE_ARN } },
      }),
    );
    allowOutbound(expiredSim.endpoint);
    try {
      const error = failed(
        await mint(
          { roleArn: DEMO_ROTATION_ROLE_ARN },
          { endpoint: expiredSim.endpoint, credentials: { accessKeyId: "ASIACONSOLEEXPIRED01", secretAccessKey: "expired-secret-0123", sessionToken: "expired-token-0123" } },
        ),
      );
      expect(error.code).toBe("ExpiredToken");
      expect(error.message).toMatch(/own AWS credentials have expired/);
    } finally {
      await expiredSim.close();
    }
  });

  it("reports an unreachable endpoint", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const endpoint = `http://127.0.0.1:${port}`;
    allowOutbound(endpoint); // allowed, but nothing listens there any more
    const error = failed(await mint({ roleArn: DEMO_ROTATION_ROLE_ARN }, { endpoint, credentials: console_ }));
    expect(error.code).toBe("EndpointUnreachable");
    expect(error.message).toContain(endpoint);
    expect(error.message).toMatch(/refused/);
  });

  describe("with an endpoint that never answers", () => {
    let silent: Server;
    let endpoint: string;
    beforeAll(async () => {
      silent = createServer(() => {
        /* never respond */
      });
      await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
      endpoint = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      allowOutbound(endpoint);
    });
    afterAll(async () => {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    });

    it("times out at the deadline", async () => {
      const started = Date.now();
      const error = failed(await mint({ roleArn: DEMO_ROTATION_ROLE_ARN }, { endpoint, credentials: console_, timeoutMs: 400 }));
      expect(error.code).toBe("Timeout");
      expect(error.message).toMatch(/did not answer within 0.4 s/);
      expect(Date.now() - started).toBeLessThan(3000);
    });

    it("stops when the caller aborts", async () => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const error = failed(await mint({ roleArn: DEMO_ROTATION_ROLE_ARN }, { endpoint, credentials: console_, signal: controller.signal }));
      expect(error.code).toBe("Aborted");
    });
  });

  it("never puts a secret in a failure", () => {
    expect(failures.length).toBeGreaterThanOrEqual(10);
    const text = JSON.stringify(failures);
    const secrets = [DEMO_CONSOLE_SECRET_ACCESS_KEY, WRONG_SECRET, "expired-secret-0123", "expired-token-0123"];
    for (const issued of sim.issued()) secrets.push(issued.secretAccessKey, issued.sessionToken);
    for (const secret of secrets) expect(text).not.toContain(secret);
  });
});
