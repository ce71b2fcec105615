// Reads back what the console's logger writes (JSON lines on stdout, see lib/log), without
// letting it reach the test output.
import { vi } from "vitest";

export type LogLine = Record<string, unknown> & { level: string; msg: string };

export type LogCapture = {
  /** Everything written, as written. */
  text(): string;
  /** The lines that parsed as JSON. */
  lines(): LogLine[];
  clear(): void;
  stop(): void;
};

export function captureLogs(): LogCapture {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation(((chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    return true;
  }) as typeof process.stdout.write);
  const text = () => chunks.join("");
  return {
    text,
    lines: () =>
      text()
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as LogLine),
    clear: () => void chunks.splice(0),
    stop: () => spy.mockRestore(),
  };
}
