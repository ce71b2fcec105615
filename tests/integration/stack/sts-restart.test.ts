// Credentials minted by the local STS keep working against the S3 test server after the stack
// restarts (as AWS honours them until they expire), and only until then.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { listFolder } from "@/lib/s3";
import { mintSessionCredentials } from "@/lib/sts";
import { createSimClock, type SimClock } from "@/simulators/clock";
import { DEMO_BUCKET, DEMO_FOLDER, demoS3ServerOptions, startS3TestServer, type S3TestServer } from "@/simulators/s3";
import { DEMO_CONSOLE_ACCESS_KEY_ID, DEMO_CONSOLE_SECRET_ACCESS_KEY, DEMO_ROTATION_ROLE_ARN, demoStsSimulatorOptions, readIssued, registerWithS3, rememberIssued, startStsSimulator } from "@/simulators/sts";
import { allowOutbound } from "../support/outbound";

type Stack = { s3: S3TestServer; sts: Awaited<ReturnType<typeof startStsSimulator>>; clock: SimClock };
const running: Stack[] = [];
let folder = "";

/** S3 and STS as the local stack starts them, remembering what STS issued in `file`. */
async function startPair(file: string, beforeStart?: (clock: SimClock) => void): Promise<Stack> {
  const clock = createSimClock();
  beforeStart?.(clock);
  const s3 = await startS3TestServer(demoS3ServerOptions({ port: 0, clock }));
  const sts = await startStsSimulator(demoStsSimulatorOptions({ onIssue: rememberIssued({ path: file, now: () => clock.now() }, registerWithS3(s3)), clock }));
  allowOutbound(sts.endpoint, s3.endpoint);
  const stack = { s3, sts, clock };
  running.push(stack);
  return stack;
}

async function stop(stack: Stack): Promise<void> {
  running.splice(running.indexOf(stack), 1);
  await stack.sts.close();
  await stack.s3.close();
}

async function mint(endpoint: string) {
  const minted = await mintSessionCredentials({ roleArn: DEMO_ROTATION_ROLE_ARN, durationSeconds: 900 }, { endpoint, region: "us-east-1", credentials: { accessKeyId: DEMO_CONSOLE_ACCESS_KEY_ID, secretAccessKey: DEMO_CONSOLE_SECRET_ACCESS_KEY } });
  if (!minted.ok) throw new Error(`mint failed: ${minted.error.code}`);
  return minted;
}

const list = (s3: S3TestServer, credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string }) =>
  listFolder({ bucket: DEMO_BUCKET, prefix: DEMO_FOLDER, endpoint: s3.endpoint, forcePathStyle: true, credentials });

describe("STS-minted credentials across a restart of the local stack", () => {
  afterEach(async () => {
    for (const stack of [...running]) await stop(stack);
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it("keep working after the restart until their expiry, and not after", async () => {
    folder = mkdtempSync(join(tmpdir(), "sts-issued-"));
    const file = join(folder, "sts-issued.json");
    const first = await startPair(file);
    const minted = await mint(first.sts.endpoint);
    expect((await list(first.s3, minted)).ok).toBe(true);
    expect(readIssued(file).map((c) => c.accessKeyId)).toEqual([minted.accessKeyId]);
    await stop(first);

    const second = await startPair(file);
    expect((await list(second.s3, minted)).ok).toBe(true);
    await stop(second);

    // A restart after their expiry: S3 does not know them any more.
    const late = await startPair(file, (clock) => clock.advance(minted.expiration.getTime() - clock.now() + 1_000));
    expect(await list(late.s3, minted)).toMatchObject({ ok: false, error: { code: "InvalidAccessKeyId" } });
  });

  it("starts with none from a file it cannot read, and replaces it on the next issue", async () => {
    folder = mkdtempSync(join(tmpdir(), "sts-issued-"));
    const file = join(folder, "sts-issued.json");
    writeFileSync(file, "{ not json");
    const stack = await startPair(file);
    const minted = await mint(stack.sts.endpoint);
    expect((await list(stack.s3, minted)).ok).toBe(true);
    expect(readIssued(file).map((c) => c.accessKeyId)).toEqual([minted.accessKeyId]);
  });
});
