// A console server whose output nobody reads any more (npm start's stack was killed, a log
// collector died): it stops, with the exit code of a process ended by SIGPIPE, instead of spinning
// on the failure of every write (it kept a core busy before).
import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterEach, describe, expect, inject, it } from "vitest";
import { freePort } from "@/scripts/free-port";
import { probeStatus } from "@/scripts/http-probe";
import { Cluster } from "./support/cluster";

describe("a console server whose output reader is gone", () => {
  const children: ReturnType<typeof spawn>[] = [];
  afterEach(() => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });

  it("stops instead of spinning on its failed writes", async () => {
    // The reader: a process that reads its stdin and does nothing else, killed below.
    const reader = spawn(process.execPath, ["-e", "process.stdin.resume()"], { stdio: ["pipe", "ignore", "ignore"] });
    children.push(reader);
    const port = await freePort();
    const env = { ...process.env, ...new Cluster(inject("databaseUrl")).env(), NODE_OPTIONS: "", PORT: String(port), HOSTNAME: "127.0.0.1", NEXT_MANUAL_SIG_HANDLE: "true", LOG_FORMAT: "json", LOG_LEVEL: "debug" };
    const server = spawn(process.execPath, [join(".next", "standalone", "server.js")], { env, stdio: ["ignore", reader.stdin!, reader.stdin!] });
    children.push(server);
    const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
    const origin = `http://127.0.0.1:${port}`;
    await expect.poll(() => probeStatus(`${origin}/api/health`, 2_000), { timeout: 60_000, interval: 100 }).toBe(200);

    reader.kill("SIGKILL");
    await new Promise((resolve) => reader.once("exit", resolve));
    // Requests that make the server write a line.
    for (let i = 0; i < 5 && server.exitCode === null; i++) await probeStatus(`${origin}/api/ready`, 2_000);
    // Its jobs get up to 10 s to finish, as on SIGTERM; before, it was still running (and busy) then.
    const outcome = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve("still running after 30 s"), 30_000))]);
    expect(outcome).toBe(141);
  });
});
