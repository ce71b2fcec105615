// Where the console server's memory sits, read from its own Prometheus endpoint (prom-client's
// default metrics): the V8 heap by space and the rest of the resident set. #7 prints it at each
// snapshot, so the row can say what its peak is made of rather than only how large it is.
import { scrapeMetrics } from "./metrics-scrape";

/** Bytes reserved by V8's heap spaces, and the process's RSS as the same scrape saw it. */
export type HeapBreakdown = { rss: number; newSpace: number; oldSpace: number; codeSpace: number; largeObjects: number; otherSpaces: number; external: number };

/** prom-client's `nodejs_heap_space_size_total_bytes{space="…"}` and friends, from exposition text. */
export function parseHeapBreakdown(text: string): HeapBreakdown | undefined {
  const spaces = new Map<string, number>();
  let rss: number | undefined;
  let external = 0;
  for (const line of text.split("\n")) {
    const space = /^nodejs_heap_space_size_total_bytes\{space="([a-z_]+)"\} (\d+(?:\.\d+)?(?:e\+\d+)?)$/.exec(line);
    if (space) spaces.set(space[1]!, Number(space[2]));
    const resident = /^process_resident_memory_bytes (\d+(?:\.\d+)?(?:e\+\d+)?)$/.exec(line);
    if (resident) rss = Number(resident[1]);
    const outside = /^nodejs_external_memory_bytes (\d+(?:\.\d+)?(?:e\+\d+)?)$/.exec(line);
    if (outside) external = Number(outside[1]);
  }
  if (rss === undefined || !spaces.has("new") || !spaces.has("old")) return undefined;
  const take = (name: string) => {
    const value = spaces.get(name) ?? 0;
    spaces.delete(name);
    return value;
  };
  const newSpace = take("new");
  const oldSpace = take("old");
  const codeSpace = take("code");
  const largeObjects = take("large_object") + take("new_large_object") + take("code_large_object");
  const otherSpaces = [...spaces.values()].reduce((sum, value) => sum + value, 0);
  return { rss, newSpace, oldSpace, codeSpace, largeObjects, otherSpaces, external };
}

/** Reads the breakdown from the console's /api/metrics; undefined when it cannot (not fatal to #7). */
export function readHeapBreakdown(origin: string, token: string): Promise<HeapBreakdown | undefined> {
  return scrapeMetrics(origin, token, parseHeapBreakdown);
}

const MB = 1024 * 1024;

/** "V8 heap 94 MB (new 32, old 41, code 2, large objects 18, other 0), outside it 123 MB (of which buffers 6)". */
export function describeHeap(heap: HeapBreakdown): string {
  const total = heap.newSpace + heap.oldSpace + heap.codeSpace + heap.largeObjects + heap.otherSpaces;
  const whole = (bytes: number) => (bytes / MB).toFixed(0);
  return `V8 heap ${whole(total)} MB (new ${whole(heap.newSpace)}, old ${whole(heap.oldSpace)}, code ${whole(heap.codeSpace)}, large objects ${whole(heap.largeObjects)}, other ${whole(heap.otherSpaces)}), outside it ${whole(heap.rss - total)} MB (of which buffers ${whole(heap.external)})`;
}
