/** `npm run simulator` entry point: starts from env vars, prints what clients need, stops on SIGTERM. */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "flow-sim-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("simulators/flow-service/main.ts", () => {
  it("serves on the requested port with a seed and exits cleanly on SIGTERM", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "simulators/flow-service/main.ts"], {
      env: { ...process.env, FLOW_SIM_PORT: "0", FLOW_SIM_SEED: "7", FLOW_SIM_DATA_FILE: join(dir, "sim.json") },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ready line: ${output}`)), 30_000);
      child.stdout.on("data", () => {
        const match = /FLOW_SERVICE_URL=(\S+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    expect(output).toContain("ADOBE_IMS_URL=");
    expect(output).toContain("ADOBE_CLIENT_ID=console-local");
    expect(output).toContain("ADOBE_ORG_ID=LOCALORG@AdobeOrg");
    expect(output).toContain("connections in prod: 7");
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/data\/foundation\/flowservice$/);
    const health = await fetch(`${new URL(url).origin}/__sim/health`).then((r) => r.json());
    expect(health).toEqual({ ok: true });

    const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exit).toBe(0);
  });
});
