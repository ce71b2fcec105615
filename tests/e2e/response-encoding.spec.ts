// Pages are compressed for the browser; server action answers are not (their zlib round trips
// cost more than the answer's bytes: lib/startup/uncompressed-actions.ts).
import { expect, test } from "@playwright/test";
import { actionId, actionRequest, parseActionResult } from "../../bench/server-action";
import { Session } from "../../bench/session";
import { baseUrl } from "./support/sign-in";
import { E2E_USERS } from "./support/users";

test("a page answers gzip to a browser that accepts it, a server action answers identity", async () => {
  const session = new Session(baseUrl());
  await session.signIn(E2E_USERS.viewer.email, E2E_USERS.viewer.password);
  const acceptEncoding = "gzip, deflate, br";

  const page = await fetch(`${baseUrl()}/connections`, { headers: { cookie: session.cookieHeader(), "accept-encoding": acceptEncoding } });
  expect(page.status).toBe(200);
  expect(page.headers.get("content-encoding")).toBe("gzip");
  expect(await page.text()).toContain("Connections");

  const id = actionId("switchSandboxAction", "app/(console)/sandbox-actions.ts");
  const action = await fetch(...actionRequest(session, { page: "/connections", id, args: ["prod"] }, { "accept-encoding": acceptEncoding }));
  expect(action.status).toBe(200);
  expect(action.headers.get("content-encoding")).toBeNull();
  expect(parseActionResult(await action.text())).toMatchObject({ ok: true });
});
