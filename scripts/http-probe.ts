// The status of one GET, or undefined when nothing answered (refused, reset, or silent for
// `timeoutMs`). The deadline is the request's own socket timeout: a start that polled with fetch and
// AbortSignal.timeout() was seen here waiting forever on one request (bench #9, on a console server
// still starting). Why was not established; Node 20 does lose such deadlines in one case, measured
// here: a fetch whose signal is AbortSignal.any([AbortSignal.timeout(500)]), held by nothing else,
// never aborts once a garbage collection has run (Node 24 aborts it).
import { get } from "node:http";

export function probeStatus(url: string, timeoutMs: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const request = get(url, { timeout: timeoutMs }, (response) => {
      response.resume();
      response.once("end", () => resolve(response.statusCode));
      response.once("error", () => resolve(undefined));
    });
    request.once("timeout", () => request.destroy());
    request.once("error", () => resolve(undefined));
  });
}
