// The local services of one describe block, with the hooks every such block wrote out by hand:
// started (and the database emptied) before its tests, closed after them. Registered first in a
// block, its close runs last: vitest runs after-hooks in the reverse order of their registration,
// so a block's own afterAll (stopping the job system, say) still finds the services up.
import { afterAll, beforeAll } from "vitest";
import { startTestServices, type TestServices } from "./local-services";
import { resetDatabase } from "./reset";

type Options = Parameters<typeof startTestServices>[0] & {
  /** Empty the database once the services are up (default); false where each test empties it itself. */
  resetDatabase?: boolean;
};

/**
 * Returns the services as an object whose fields are read when used: they exist only once the
 * block's beforeAll has run, and reading one earlier (while the block is being defined) throws.
 */
export function useTestServices(options: Options = {}): TestServices {
  const { resetDatabase: reset = true, ...start } = options;
  let services: TestServices | undefined;
  beforeAll(async () => {
    services = await startTestServices(start);
    if (reset) await resetDatabase();
  });
  afterAll(async () => {
    await services?.close();
  });
  return new Proxy({} as TestServices, {
    get(_target, field) {
      if (!services) throw new Error("the test services start in the block's beforeAll: read them in a hook or a test");
      return Reflect.get(services, field);
    },
  });
}
