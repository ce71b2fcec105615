/**
 * JSON persistence of the simulator state. Writes are debounced (bursts of writes cost one
 * file write) and atomic (temp file + rename) so a crash never leaves a half-written file.
 */
import { existsSync, mkdirSync, readFileSync, renameSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { StoreSnapshot } from "./store";

export interface Persistence {
  schedule(): void;
  /** Write now if a write is pending; resolves when the file is on disk. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export function loadSnapshot(file: string): StoreSnapshot | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<StoreSnapshot>;
    if (parsed.version !== 1 || typeof parsed.sandboxes !== "object" || parsed.sandboxes === null) throw new Error("unknown format");
    return parsed as StoreSnapshot;
  } catch (error) {
    // Keep the unreadable file for inspection instead of overwriting it silently.
    const aside = `${file}.corrupt-${Date.now()}`;
    mkdirSync(dirname(file), { recursive: true });
    renameSync(file, aside);
    process.stderr.write(`[flow-service-simulator] could not read ${file} (${String(error)}); moved to ${aside}\n`);
    return undefined;
  }
}

export function createPersistence(file: string, snapshot: () => StoreSnapshot, debounceMs: number): Persistence {
  let timer: NodeJS.Timeout | undefined;
  let dirty = false;
  let writing: Promise<void> = Promise.resolve();
  let counter = 0;

  const write = async () => {
    if (!dirty) return;
    dirty = false;
    const text = JSON.stringify(snapshot());
    const temp = `${file}.${process.pid}.${++counter}.tmp`;
    await mkdir(dirname(file), { recursive: true });
    await writeFile(temp, text, { mode: 0o600 });
    await rename(temp, file);
  };

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    // Chain writes so two flushes never rename concurrently.
    writing = writing.then(write, write);
    return writing;
  };

  return {
    schedule() {
      dirty = true;
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        void flush().catch((error: unknown) => process.stderr.write(`[flow-service-simulator] persist failed: ${String(error)}\n`));
      }, debounceMs);
      timer.unref();
    },
    flush,
    close: flush,
  };
}
