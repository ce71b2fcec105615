// In JSON mode, what Next and libraries print with console.* (warnings, request errors) goes
// through the logger too, so a log pipeline reads JSON objects once the server has started (Next's
// start banner comes before instrumentation.ts and stays plain text). Errors among the arguments
// go through safeError like any other logged error.
import "server-only";
import { format } from "node:util";
import { log, logFormat } from "./index";

const LEVELS = { log: "info", info: "info", warn: "warn", error: "error", debug: "debug" } as const;

/** The console's methods that print: the ones routed to the logger, and silenced when output is lost. */
export const CONSOLE_METHODS = Object.keys(LEVELS) as (keyof typeof LEVELS)[];

export function routeConsoleToLogger(logger = log): void {
  if (logFormat() !== "json") return;
  for (const [method, level] of Object.entries(LEVELS) as [keyof typeof LEVELS, (typeof LEVELS)[keyof typeof LEVELS]][]) {
    console[method] = (...args: unknown[]) => {
      const error = args.find((arg): arg is Error => arg instanceof Error);
      const text = format(...args.filter((arg) => !(arg instanceof Error))).trim();
      if (error) logger[level]({ err: error }, text || error.name);
      else logger[level](text);
    };
  }
}
