/** Ring buffer of recent requests: method, path, query, status, request id. Never bodies or headers. */
import type { RequestLogEntry } from "./types";

export class RequestLog {
  private entries: RequestLogEntry[] = [];

  constructor(private readonly capacity = 1_000) {}

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  list(): RequestLogEntry[] {
    return this.entries.map((entry) => ({ ...entry }));
  }

  clear(): void {
    this.entries = [];
  }
}
