// The console's one logger (pino). Server-only. One JSON line per event on stdout: level (as a
// word), ISO time, message, the request context (request id, actor, action, sandbox, connection id,
// see context.ts) and the call site's fields (flowRequestId, durationMs, outcome...). A person
// running `npm start` in a terminal gets the same events pretty-printed instead (LOG_FORMAT).
//
// pino-pretty runs as a stream in this thread, not as a worker transport: Next bundles the server,
// and a transport's worker file would be missing from the bundle.
import "server-only";
import pino from "pino";
import pretty from "pino-pretty";
import { logSettings } from "./config";
import { logContext } from "./context";
import { redactSecretFields, safeError } from "./redact";

export { addLogContext, claimRequestIdForFlowService, logContext, withLogContext, type LogContext } from "./context";
export { safeError } from "./redact";

/**
 * Where log lines go. process.stdout, not pino's own file-descriptor writer, so that tests can
 * listen to what the logger writes (tests/integration/reliability/secrets.test.ts). On Linux it
 * writes synchronously to files, pipes and terminals, so no line is lost when the process exits.
 */
function destination(format: "json" | "pretty"): pino.DestinationStream {
  if (format === "json") return process.stdout;
  return pretty({
    destination: process.stdout,
    colorize: process.stdout.isTTY === true,
    singleLine: true,
    translateTime: "SYS:HH:MM:ss.l",
    ignore: "pid,hostname,service",
    sync: true,
  });
}

export function createLogger(env: Record<string, string | undefined> = process.env): pino.Logger {
  const settings = logSettings(env, process.stdout.isTTY === true);
  return pino(
    {
      level: settings.level,
      base: { service: "s3-source-console" },
      timestamp: pino.stdTimeFunctions.isoTime,
      // The line's fields, the request context included, go through redactSecretFields before
      // they are written (see redact.ts for why this is not pino's own `redact` option).
      formatters: { level: (label) => ({ level: label }), log: redactSecretFields },
      messageKey: "msg",
      // The request context goes first; a call site's own fields override it.
      mixin: () => ({ ...logContext() }),
      serializers: { err: safeError, error: safeError },
    },
    destination(settings.format),
  );
}

const globalForLog = globalThis as unknown as { s3consoleLogger?: pino.Logger };

export const log: pino.Logger = (globalForLog.s3consoleLogger ??= createLogger());

/** The format the console's logger writes in (LOG_FORMAT, or decided by the terminal). */
export function logFormat(): "json" | "pretty" {
  return logSettings(process.env, process.stdout.isTTY === true).format;
}
