// Secrets are kept out of the logs twice. By construction: call sites log chosen fields (ids,
// names, outcomes, durations), and errors go through safeError, which keeps their type, first
// message line and stack frames, never response bodies, causes' messages or other properties.
// By redaction: should a secret-named field reach the logger anyway, at the top level or nested
// up to two levels deep, pino replaces its value before the line is written.

/** Field names whose values are secrets wherever they appear. */
export const SECRET_FIELDS = [
  "password",
  "passwordHash",
  "secret",
  "clientSecret",
  "client_secret",
  "s3SecretKey",
  "s3SessionToken",
  "s3AccessKey",
  "sessionToken",
  "secretAccessKey",
  "accessToken",
  "access_token",
  "token",
  "authorization",
  "Authorization",
  "cookie",
  "Cookie",
  "x-api-key",
  "AUTH_SECRET",
  "ADOBE_CLIENT_SECRET",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "METRICS_TOKEN",
  "DATABASE_URL",
] as const;

/** pino `redact` paths (fast-redact syntax): each secret field at depth 0, 1 and 2. */
export const REDACT_PATHS: string[] = SECRET_FIELDS.flatMap((field) => {
  const key = /^[A-Za-z_$][\w$]*$/.test(field) ? field : `["${field}"]`;
  const join = (prefix: string) => (key.startsWith("[") ? `${prefix}${key}` : `${prefix}.${key}`);
  return [key, join("*"), join("*.*")];
});

export const REDACTED = "[redacted]";

const MAX_MESSAGE = 300;

export type SafeError = {
  type: string;
  message?: string;
  code?: string;
  kind?: string;
  status?: number;
  requestId?: string;
  stack?: string;
};

/**
 * An error as a log line may carry it. The stack keeps its frames but not its first line (which
 * repeats the message in full); Flow Service errors add their kind, status and request id.
 */
export function safeError(error: unknown): SafeError {
  if (!(error instanceof Error)) return { type: typeof error };
  const firstLine = error.message.split("\n")[0] ?? "";
  const out: SafeError = { type: error.name, message: firstLine.length > MAX_MESSAGE ? `${firstLine.slice(0, MAX_MESSAGE)}…` : firstLine };
  const fields = error as Error & { code?: unknown; kind?: unknown; status?: unknown; requestId?: unknown };
  if (typeof fields.code === "string") out.code = fields.code;
  if (typeof fields.kind === "string") out.kind = fields.kind;
  if (typeof fields.status === "number") out.status = fields.status;
  if (typeof fields.requestId === "string") out.requestId = fields.requestId;
  const frames = error.stack?.split("\n").filter((line) => line.startsWith("    at ")).slice(0, 12);
  if (frames?.length) out.stack = frames.map((line) => line.trim()).join("\n");
  return out;
}
