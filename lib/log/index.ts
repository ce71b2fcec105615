// The console's one logger (pino). Server-only. Call sites pass structured fields (action, actor,
// sandbox, connectionId, requestId, durationMs) and a short message; never a secret.
// Formatting, redaction paths and request context are completed by the operator-readiness work.
import "server-only";
import pino from "pino";

const globalForLog = globalThis as unknown as { logger?: pino.Logger };

export const log: pino.Logger = (globalForLog.logger ??= pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: "s3-source-console" },
  redact: { paths: ["*.password", "*.secret", "*.s3SecretKey", "*.s3SessionToken", "*.authorization"], censor: "[redacted]" },
}));
