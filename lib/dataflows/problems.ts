// Short, safe sentences for what could not be loaded (no bodies, no secrets), with the request
// id support needs. The dataflow panel lists them instead of failing the page.
import { isFlowServiceError } from "@/lib/flow-service/errors";

export type LoadProblem = { message: string; requestId?: string };

export function loadFailure(error: unknown): LoadProblem {
  if (!isFlowServiceError(error)) return { message: "an internal error occurred" };
  const status = error.status ? ` (HTTP ${error.status})` : "";
  const requestId = error.requestId;
  switch (error.kind) {
    case "timeout":
      return { message: "Flow Service took too long to answer", requestId };
    case "unavailable":
      return { message: `Flow Service is unavailable${status}`, requestId };
    case "rate_limited":
      return { message: "Flow Service is throttling requests", requestId };
    case "network":
      return { message: "Flow Service could not be reached", requestId };
    case "unauthorized":
    case "forbidden":
      return { message: "Flow Service refused the console's Adobe credentials", requestId };
    case "validation":
      return { message: `Flow Service refused the query${status}`, requestId };
    case "bad_response":
      return { message: "Flow Service answered with something the console could not read", requestId };
    case "not_found":
      return { message: "Flow Service does not know this resource", requestId };
    default:
      return { message: "an unexpected error occurred", requestId };
  }
}

/** "… (request abc)" when a request id is known. */
export function withRequestId(problem: LoadProblem): string {
  return problem.requestId ? `${problem.message} (request ${problem.requestId})` : problem.message;
}
