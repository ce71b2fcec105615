/** Small helpers around AbortSignal, shared by the IMS and HTTP layers. */
import { FlowServiceError } from "./errors";

/** Resolve with `promise`, or reject as soon as `signal` aborts (without cancelling `promise`). */
export function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

export function isTimeoutReason(reason: unknown): boolean {
  return typeof reason === "object" && reason !== null && (reason as { name?: unknown }).name === "TimeoutError";
}

/**
 * The error to throw when the caller's own signal aborted the call. A caller-imposed timeout
 * (AbortSignal.timeout) is reported as a timeout; any other abort as a cancellation.
 */
export function callerAbortError(signal: AbortSignal, requestId: string): FlowServiceError {
  if (isTimeoutReason(signal.reason)) {
    return new FlowServiceError({ kind: "timeout", requestId, outcomeUnknown: true, cause: signal.reason });
  }
  return new FlowServiceError({
    kind: "unexpected",
    requestId,
    message: "The request to Adobe Experience Platform was cancelled.",
    outcomeUnknown: true,
    cause: signal.reason,
  });
}
