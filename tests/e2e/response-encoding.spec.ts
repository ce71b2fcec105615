// Pages are compressed for the browser; server action answers are not (their zlib round trips
// cost more than the answer's bytes: lib/startup/uncompressed-actions.ts).
import { expect, test } from "@playwright/test";
import { actionId, parseActionResult, routerStateTree } from "../../bench/server-action";
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

  const action = await fetch(`${baseUrl()}/connections`, {
    method: "POST",
    headers: {
      accept: "text/x-component",
      "accept-encoding": acceptEncoding,
      "content-type": "text/plain;charset=UTF-8",
      "next-action": actionId("switchSandboxAction", "app/(console)/sandbox-actions.ts"),
      "next-router-state-tree": routerStateTree(["connections"]),
      origin: baseUrl(),
      cookie: session.cookieHeader(),
    },
    body: JSON.stringify(["prod"]),
  });
  expect(action.status).toBe(200);
  expect(action.headers.get("content-encoding")).toBeNull();
  expect(parseActionResult(await action.text())).toMatchObject({ ok: true });
});
