// In JSON mode, what Next itself prints (its start banner, request errors) goes through the logger
// too, so a log pipeline reads one JSON object per line from the first to the last. Errors among
// the arguments go through safeError like any other logged error.
import "server-only";
import { format } from "node:util";
import type pino from "pino";

const LEVELS = { log: "info", info: "info", warn: "warn", error: "error", debug: "debug" } as const;

export function routeConsoleTo(logger: pino.Logger): void {
  for (const [method, level] of Object.entries(LEVELS) as [keyof typeof LEVELS, (typeof LEVELS)[keyof typeof LEVELS]][]) {
    console[method] = (...args: unknown[]) => {
      const error = args.find((arg): arg is Error => arg instanceof Error);
      const text = format(...args.filter((arg) => !(arg instanceof Error))).trim();
      if (error) logger[level]({ err: error }, text || error.name);
      else logger[level](text);
    };
  }
}
