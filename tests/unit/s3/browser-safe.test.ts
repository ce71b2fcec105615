import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** Every module specifier a TypeScript file imports or re-exports (type-only ones excluded). */
function specifiers(file: string): string[] {
  const source = readFileSync(file, "utf8");
  const found: string[] = [];
  for (const m of source.matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?from\s+"([^"]+)"/gms)) {
    if (!m[2]) found.push(m[3]!);
  }
  for (const m of source.matchAll(/^\s*import\s+"([^"]+)"/gm)) found.push(m[1]!);
  return found;
}

function resolveLocal(from: string, spec: string): string | null {
  const base = spec.startsWith("@/") ? join(root, spec.slice(2)) : spec.startsWith(".") ? resolve(dirname(from), spec) : null;
  if (!base) return null;
  for (const candidate of [`${base}.ts`, join(base, "index.ts"), base]) if (existsSync(candidate)) return candidate;
  throw new Error(`Cannot resolve ${spec} from ${from}`);
}

/** Walks the local import graph and returns the external packages reached. */
function externalImports(entry: string): { files: string[]; external: string[] } {
  const seen = new Set<string>();
  const external = new Set<string>();
  const stack = [join(root, entry)];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of specifiers(file)) {
      const local = resolveLocal(file, spec);
      if (local) stack.push(local);
      else external.add(spec);
    }
  }
  return { files: [...seen], external: [...external] };
}

describe("browser-safe modules", () => {
  it.each(["lib/s3/rules.ts", "lib/s3/bucket-name.ts", "lib/s3/parse-location.ts", "lib/s3/service-url.ts", "lib/connections/bucket-policy.ts"])(
    "%s imports no package, Node module or AWS SDK",
    (entry) => {
      const { files, external } = externalImports(entry);
      expect(files.length).toBeGreaterThan(0);
      expect(external).toEqual([]);
    },
  );

  it("the server entry does reach the AWS SDK (so the scan works)", () => {
    expect(externalImports("lib/s3/index.ts").external).toContain("@aws-sdk/client-s3");
  });
});
