import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { expect, it } from "vitest";
import { createFlowServiceClient } from "@/lib/flow-service";
import { CONNECTION_DTO, createFakeFetch, jsonResponse, TEST_CONFIG, testDeps } from "./fake-fetch";

// A full collection on demand, without starting the test process with --expose-gc.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

// fetch leaves its 'abort' listener on the signal it was given (undici removes it only when its
// request object is collected), and Node holds a timeout signal with a listener until its time is
// up: with AbortSignal.timeout, every call's signal and timer (and the request context the timer
// keeps) outlived the call by the whole timeout (lib/net/deadline.ts).
it("lets a finished call's signal go at once, though fetch left a listener on it", async () => {
  const signals: WeakRef<AbortSignal>[] = [];
  const fake = createFakeFetch([
    (_call, init) => {
      const signal = init?.signal as AbortSignal;
      signal.addEventListener("abort", () => undefined);
      signals.push(new WeakRef(signal));
      return jsonResponse(200, { items: [CONNECTION_DTO] });
    },
  ]);
  const client = createFlowServiceClient({ ...TEST_CONFIG, timeoutMs: 60_000 }, { fetch: fake.fetch, ...testDeps().deps });
  await client.getConnection(CONNECTION_DTO.id);
  // A WeakRef keeps its target until the job that made it ends.
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
  expect(signals).toHaveLength(1);
  expect(signals[0]?.deref()).toBeUndefined();
});
