import type { ActionResult } from "@/lib/actions/result";

/** An action failure as a thrown error, so react-query's error state carries its safe message. */
export class ActionQueryError extends Error {
  constructor(
    message: string,
    readonly requestId?: string,
  ) {
    super(message);
  }
}

/** The data of a successful result, or an ActionQueryError. */
export function unwrap<T>(result: ActionResult<T>): T {
  if (!result.ok) throw new ActionQueryError(result.error.message, result.error.requestId);
  return result.data;
}
