// The Dockerfile's promises that the container smoke test (tests/e2e/container.spec.ts) relies on
// without being able to run Docker.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseDockerfile, readDockerfile } from "@/tests/e2e/support/dockerfile";

describe("the Dockerfile", () => {
  const { stages, runtime } = readDockerfile("Dockerfile");

  it("builds with the commands the tests build with", () => {
    const build = stages.find((stage) => stage.name === "build")!;
    expect(build.image).toBe(runtime.image);
    expect(build.runs).toEqual(["npm ci --no-audit --no-fund", "npm run build"]);
    const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;
    expect(scripts.build).toBe("next build");
    expect(readFileSync("next.config.mjs", "utf8")).toMatch(/output: "standalone"/);
  });

  it("runs the standalone server on Node 24 slim, unprivileged, with a health check and no database", () => {
    expect(runtime.image).toBe("node:24-slim");
    expect(runtime.user).toBe("node");
    expect(runtime.cmd).toEqual(["node", "server.js"]);
    expect(runtime.healthcheck?.command.join(" ")).toMatch(/\/api\/health/);
    expect(runtime.env).toMatchObject({ NODE_ENV: "production", HOSTNAME: "0.0.0.0" });
    expect(Object.keys(runtime.env)).not.toContain("DATABASE_URL");
    expect(runtime.copies.map((c) => [c.from, ...c.sources, c.destination])).toEqual([
      ["build", "/app/.next/standalone", "/app"],
      ["build", "/app/.next/static", "/app/.next/static"],
    ]);
  });
});

describe("the Dockerfile reader", () => {
  it("refuses a runtime stage it could not reproduce", () => {
    const text = "FROM node:24-slim AS build\nRUN npm ci\nFROM node:24-slim\nRUN apt-get install -y curl\nCMD [\"node\", \"server.js\"]\n";
    expect(() => parseDockerfile(text)).toThrow(/runtime stage uses RUN/);
  });

  it("reads continuations, multi-pair ENV and quoted values", () => {
    const parsed = parseDockerfile('ARG IMG=node:24-slim\nFROM ${IMG}\nWORKDIR /srv\nENV A=1 \\\n  B="two words"\nCMD ["node", "x.js"]\n');
    expect(parsed.runtime).toMatchObject({ image: "node:24-slim", workdir: "/srv", env: { A: "1", B: "two words" }, cmd: ["node", "x.js"] });
  });
});
