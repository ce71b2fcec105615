// Reads the Dockerfile's runtime stage, so the container smoke test runs what the image runs
// without Docker: the same files at the same places, the same environment, working directory,
// start command and health check. An instruction it cannot reproduce fails the test instead of
// being skipped.
import { readFileSync } from "node:fs";
import { posix } from "node:path";

/** `from` is the stage (or image) copied from, empty for the build context. */
export type Copy = { from: string; sources: string[]; destination: string };
export type RuntimeStage = {
  image: string;
  workdir: string;
  env: Record<string, string>;
  copies: Copy[];
  user?: string;
  expose: number[];
  healthcheck?: { options: Record<string, string>; command: string[] };
  cmd: string[];
};
export type Stage = { name?: string; image: string; workdir: string; runs: string[] };
export type ParsedDockerfile = { args: Record<string, string>; stages: Stage[]; runtime: RuntimeStage };

const REPRODUCIBLE = new Set(["FROM", "WORKDIR", "ENV", "COPY", "USER", "EXPOSE", "HEALTHCHECK", "LABEL", "CMD"]);

/** Logical lines: comments dropped, backslash continuations joined. */
function instructions(text: string): { keyword: string; rest: string }[] {
  const out: { keyword: string; rest: string }[] = [];
  let pending = "";
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (pending === "" && (line === "" || line.startsWith("#"))) continue;
    if (line.endsWith("\\")) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    const full = (pending + line).trim();
    pending = "";
    const match = /^(\w+)\s+(.*)$/.exec(full);
    if (!match) throw new Error(`unreadable Dockerfile line: ${full}`);
    out.push({ keyword: match[1]!.toUpperCase(), rest: match[2]! });
  }
  return out;
}

function execForm(rest: string, what: string): string[] {
  const parsed: unknown = JSON.parse(rest);
  if (!Array.isArray(parsed) || !parsed.every((part) => typeof part === "string")) throw new Error(`${what} must use the exec form (a JSON array of strings)`);
  return parsed;
}

/** `KEY=value KEY2="quoted value"` pairs. */
function pairs(rest: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const match of rest.matchAll(/([\w.-]+)=("(?:[^"\\]|\\.)*"|\S*)/g)) {
    const value = match[2]!;
    out[match[1]!] = value.startsWith('"') ? (JSON.parse(value) as string) : value;
  }
  return out;
}

function flags(rest: string): { flags: Record<string, string>; args: string[] } {
  const out: Record<string, string> = {};
  const words = rest.split(/\s+/);
  while (words[0]?.startsWith("--")) {
    const [name, value = ""] = words.shift()!.slice(2).split("=");
    out[name!] = value;
  }
  return { flags: out, args: words };
}

export function parseDockerfile(text: string): ParsedDockerfile {
  const args: Record<string, string> = {};
  const stages: ParsedDockerfile["stages"] = [];
  let runtime: RuntimeStage | undefined;
  // Only the last stage must be reproducible: earlier ones are the build, which the tests run themselves.
  let unreproducible: string | undefined;
  const expand = (value: string) => value.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a: string | undefined, b: string | undefined) => args[(a ?? b)!] ?? runtime?.env[(a ?? b)!] ?? "");
  for (const { keyword, rest } of instructions(text)) {
    if (keyword === "ARG" && stages.length === 0) {
      Object.assign(args, pairs(rest));
      continue;
    }
    if (keyword === "FROM") {
      const match = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(rest);
      if (!match) throw new Error(`unreadable FROM: ${rest}`);
      stages.push({ image: expand(match[1]!), name: match[2], workdir: "/", runs: [] });
      runtime = { image: expand(match[1]!), workdir: "/", env: {}, copies: [], expose: [], cmd: [] };
      unreproducible = undefined;
      continue;
    }
    const stage = stages.at(-1);
    if (!stage || !runtime) throw new Error(`${keyword} before the first FROM`);
    if (keyword === "WORKDIR") stage.workdir = runtime.workdir = posix.resolve(runtime.workdir, expand(rest));
    else if (keyword === "ENV") Object.assign(runtime.env, pairs(rest));
    else if (keyword === "COPY") {
      const { flags: options, args: paths } = flags(rest);
      if (paths.length < 2) throw new Error(`COPY needs a source and a destination: ${rest}`);
      runtime.copies.push({ from: options.from ?? "", sources: paths.slice(0, -1), destination: posix.resolve(runtime.workdir, paths.at(-1)!) });
    } else if (keyword === "USER") runtime.user = rest;
    else if (keyword === "EXPOSE") runtime.expose = rest.split(/\s+/).map(Number);
    else if (keyword === "HEALTHCHECK") {
      const at = rest.indexOf("CMD ");
      if (at < 0) throw new Error("HEALTHCHECK without CMD");
      runtime.healthcheck = { options: flags(rest.slice(0, at).trim()).flags, command: execForm(rest.slice(at + 4).trim(), "HEALTHCHECK CMD") };
    } else if (keyword === "CMD") runtime.cmd = execForm(rest, "CMD");
    else if (!REPRODUCIBLE.has(keyword)) unreproducible ??= keyword;
    if (keyword === "RUN") stage.runs.push(rest);
  }
  if (!runtime) throw new Error("no FROM in the Dockerfile");
  if (unreproducible) throw new Error(`the runtime stage uses ${unreproducible}, which the smoke test cannot reproduce without Docker`);
  return { args, stages, runtime };
}

export function readDockerfile(path: string): ParsedDockerfile {
  return parseDockerfile(readFileSync(path, "utf8"));
}
