import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { useQuery } from "@tanstack/react-query";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { QueryClientSlot } from "@/components/ui/query-client-slot";
import { scopeClient, withQueryScope } from "@/components/ui/query-scope";

const root = join(import.meta.dirname, "../../..");

const sourcesUnder = (folder: string) =>
  readdirSync(folder, { recursive: true, encoding: "utf8" })
    .filter((name) => /\.tsx?$/.test(name))
    .map((name) => join(folder, name));

describe("scopeClient", () => {
  it("gives every scope in the browser the layout slot's one client, made on first use", () => {
    const slot = {};
    const first = scopeClient(slot, true);
    expect(scopeClient(slot, true)).toBe(first);
    expect(slot).toEqual({ client: first });
  });

  it("gives each scope its own client on the server, so no cache is shared between requests", () => {
    const slot = {};
    expect(scopeClient(slot, false)).not.toBe(scopeClient(slot, false));
    expect(slot).toEqual({});
  });

  it("gives each scope its own client outside the console layout", () => {
    expect(scopeClient(null, true)).not.toBe(scopeClient(null, true));
  });

  it("keeps the console's query defaults", () => {
    expect(scopeClient(null, true).getDefaultOptions().queries).toMatchObject({ staleTime: 30_000, retry: 1 });
  });
});

describe("withQueryScope", () => {
  function Probe({ label }: { label: string }) {
    const query = useQuery({ queryKey: ["probe", label], queryFn: () => label, initialData: `initial ${label}` });
    return createElement("p", null, query.data);
  }

  it("lets a component that queries render with no react-query provider above it", () => {
    expect(() => renderToString(createElement(Probe, { label: "bare" }))).toThrow(/QueryClient/);
    const Scoped = withQueryScope(Probe);
    expect(renderToString(createElement(QueryClientSlot, null, createElement(Scoped, { label: "a" })))).toContain("initial a");
    expect(renderToString(createElement(Scoped, { label: "b" }))).toContain("initial b");
    expect(Scoped.displayName).toBe("WithQueryScope(Probe)");
  });
});

describe("the console's components that query", () => {
  it("each export through withQueryScope, since no layout provides react-query", () => {
    const querying = [...sourcesUnder(join(root, "components")), ...sourcesUnder(join(root, "app"))]
      .filter((file) => !file.endsWith("query-scope.tsx"))
      .filter((file) => /\buse(Query|QueryClient|Mutation|InfiniteQuery|SuspenseQuery)\(/.test(readFileSync(file, "utf8")));
    expect(querying.length).toBeGreaterThanOrEqual(7);
    const unscoped = querying.filter((file) => !readFileSync(file, "utf8").includes("withQueryScope(")).map((file) => relative(root, file));
    expect(unscoped).toEqual([]);
  });
});
