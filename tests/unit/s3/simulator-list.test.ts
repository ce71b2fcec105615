import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { listObjects, type ListParams } from "@/simulators/s3/list";
import type { StoredObject } from "@/simulators/s3/types";

const obj = (key: string): StoredObject => ({ key, body: Buffer.from(key), contentType: "text/plain", etag: '"x"', lastModified: new Date(0) });
const keys = ["a/1.csv", "a/2.csv", "a/b/3.csv", "a0", "b/x", "c.txt", "a/", "é/1", "z"].map(obj);

function page(params: Partial<ListParams>) {
  const r = listObjects(keys, { prefix: "", maxKeys: 1000, ...params });
  return { contents: r.contents.map((o) => o.key), prefixes: r.commonPrefixes, truncated: r.isTruncated, token: r.nextContinuationToken };
}

describe("S3 test server ListObjectsV2 semantics", () => {
  it("rolls keys up into common prefixes with a delimiter", () => {
    expect(page({ delimiter: "/" })).toMatchObject({ contents: ["a0", "c.txt", "z"], prefixes: ["a/", "b/", "é/"] });
    expect(page({ prefix: "a/", delimiter: "/" })).toMatchObject({ contents: ["a/", "a/1.csv", "a/2.csv"], prefixes: ["a/b/"] });
  });

  it("sorts by UTF-8 bytes like S3", () => {
    expect(page({}).contents.at(-1)).toBe("é/1");
  });

  it("honours start-after and max-keys", () => {
    expect(page({ startAfter: "a0" }).contents).toEqual(["b/x", "c.txt", "z", "é/1"]);
    const first = page({ maxKeys: 2, delimiter: "/" });
    expect(first).toMatchObject({ prefixes: ["a/"], contents: ["a0"], truncated: true });
    expect(page({ maxKeys: 2, delimiter: "/", continuationToken: first.token })).toMatchObject({ prefixes: ["b/"], contents: ["c.txt"] });
    expect(page({ maxKeys: 0 })).toMatchObject({ contents: [], truncated: false });
  });

  it("pages through exactly the items of a single listing", () => {
    const keyArb = fc.uniqueArray(fc.string({ unit: fc.constantFrom("a", "b", "/", "é"), minLength: 1, maxLength: 5 }), { maxLength: 25 });
    fc.assert(
      fc.property(keyArb, fc.integer({ min: 1, max: 5 }), fc.boolean(), (names, maxKeys, useDelimiter) => {
        const objects = names.map(obj);
        const base = { prefix: "", ...(useDelimiter ? { delimiter: "/" } : {}) };
        const all = listObjects(objects, { ...base, maxKeys: 1000 });
        const seen: string[] = [];
        let token: string | undefined;
        for (let i = 0; i < 100; i += 1) {
          const r = listObjects(objects, { ...base, maxKeys, ...(token ? { continuationToken: token } : {}) });
          seen.push(...r.commonPrefixes, ...r.contents.map((o) => o.key));
          if (!r.isTruncated) break;
          token = r.nextContinuationToken;
        }
        expect(seen.sort()).toEqual([...all.commonPrefixes, ...all.contents.map((o) => o.key)].sort());
      }),
      { numRuns: 200 },
    );
  });
});
