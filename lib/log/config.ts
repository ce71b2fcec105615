// LOG_LEVEL and LOG_FORMAT: part of the validated environment (lib/env.ts), so a bad value stops
// the start with the other configuration problems. The logger itself reads them leniently, because
// it must exist (to report that very problem) before the environment is validated.
import { z } from "zod";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export const LOG_FORMATS = ["json", "pretty"] as const;

export const logEnvSchema = z.object({
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  /** Unset: pretty when the output is a terminal (a person running `npm start`), JSON otherwise. */
  LOG_FORMAT: z.enum(LOG_FORMATS).optional(),
});

export type LogSettings = { level: (typeof LOG_LEVELS)[number]; format: (typeof LOG_FORMATS)[number] };

export function logSettings(env: Record<string, string | undefined>, isTerminal: boolean): LogSettings {
  const level = logEnvSchema.shape.LOG_LEVEL.safeParse(env.LOG_LEVEL?.trim() || undefined);
  const format = logEnvSchema.shape.LOG_FORMAT.safeParse(env.LOG_FORMAT?.trim() || undefined);
  return {
    level: level.success ? level.data : "info",
    format: (format.success ? format.data : undefined) ?? (isTerminal ? "pretty" : "json"),
  };
}
