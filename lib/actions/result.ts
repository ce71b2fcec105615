// The typed result every server action returns, so forms can show errors where they belong.
export type ActionError = {
  code: string;
  /** Safe to show: never a secret, a stack trace or a raw upstream body. */
  message: string;
  /** Field name → message, for errors a form field can show. */
  fields?: Record<string, string>;
  /** Flow Service request id, so support can find the call. */
  requestId?: string;
  /** For a stale etag (412): what changed remotely and the etag to retry against. */
  conflict?: ConflictInfo;
};

export type ConflictInfo = {
  currentEtag: string;
  changes: { field: string; stored: string | null; remote: string | null }[];
  updatedAt?: string;
  updatedBy?: string;
};

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

export function ok<T>(data: T): ActionResult<T> {
  return { ok: true, data };
}

export function fail(code: string, message: string, extra: Omit<ActionError, "code" | "message"> = {}): { ok: false; error: ActionError } {
  return { ok: false, error: { code, message, ...extra } };
}

/** zod issues → one message per top-level field (the first one). */
export function fieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] ??= issue.message;
  }
  return out;
}
