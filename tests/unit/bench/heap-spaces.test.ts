// The bench reads the console's heap by space from its own Prometheus endpoint (#7). The parser is
// checked against what prom-client really prints, so a renamed metric shows here, not as a
// silently shorter bench note.
import { collectDefaultMetrics, Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { describeHeap, parseHeapBreakdown } from "../../../bench/heap-spaces";

describe("parseHeapBreakdown", () => {
  it("reads prom-client's default metrics: every heap space, the RSS and the buffers", async () => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const text = await registry.metrics();
    const heap = parseHeapBreakdown(text);
    expect(heap).toBeDefined();
    const total = /^nodejs_heap_size_total_bytes (\d+)$/m.exec(text);
    const spaces = heap!.newSpace + heap!.oldSpace + heap!.codeSpace + heap!.largeObjects + heap!.otherSpaces;
    // The spaces add up to V8's own total, so none is dropped or counted twice (the two figures come
    // from two V8 calls, so a space may have grown a page in between).
    expect(Math.abs(spaces - Number(total![1])) / Number(total![1])).toBeLessThan(0.01);
    expect(heap!.oldSpace).toBeGreaterThan(0);
    expect(heap!.rss).toBeGreaterThan(spaces);
    expect(describeHeap(heap!)).toMatch(/^V8 heap \d+ MB \(new \d+, old \d+, code \d+, large objects \d+, other \d+\), outside it \d+ MB \(of which buffers \d+\)$/);
  });

  it("answers undefined for a scrape without the heap metrics (the endpoint off, or another server)", () => {
    expect(parseHeapBreakdown("")).toBeUndefined();
    expect(parseHeapBreakdown("process_resident_memory_bytes 123\n")).toBeUndefined();
  });
});
