// Single sign-on against a real OpenID Connect provider (oidc-provider on loopback) with a second
// console instance configured for it (LOCAL_ACCOUNTS=off, so only the break-glass admin keeps a
// password). The first instance, and every other test, keeps local accounts.
//
// Each test's browser sends its own X-Forwarded-For and this instance trusts one proxy hop, so the
// failures these tests cause on purpose are counted against made-up addresses, never against the
// loopback address every other test signs in from.
import pg from "pg";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { freePort } from "../../scripts/free-port";
import { startNextServer, type NextServer } from "../../scripts/stack/next-server";
import { IDP_CLIENT, IDP_ROLE_MAP, idpEmail, startIdentityProvider, type IdpUser, type Tamper, type TestIdentityProvider } from "./support/identity-provider";
import { E2E_USERS } from "./support/users";

test.describe.configure({ mode: "serial", timeout: 120_000 });

let idp: TestIdentityProvider;
let sso: NextServer;
let nextAddress = 10;

async function query<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<T[]> {
  const db = new pg.Client({ connectionString: process.env.E2E_DATABASE_DUMP_URL });
  await db.connect();
  try {
    return (await db.query<T>(sql, values)).rows;
  } finally {
    await db.end();
  }
}

test.beforeAll(async () => {
  const consolePort = await freePort();
  idp = await startIdentityProvider({ port: await freePort(), redirectUris: [`http://127.0.0.1:${consolePort}/api/auth/callback/oidc`] });
  const env = JSON.parse(process.env.E2E_CONSOLE_ENV!) as Record<string, string>;
  sso = await startNextServer({
    port: consolePort,
    host: "127.0.0.1",
    env: {
      ...env,
      SYNC_INTERVAL_SECONDS: "0",
      TRUST_PROXY: "1",
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: IDP_CLIENT.clientId,
      OIDC_CLIENT_SECRET: IDP_CLIENT.clientSecret,
      OIDC_NAME: "Test IdP",
      OIDC_SCOPES: "openid email profile groups",
      OIDC_GROUPS_CLAIM: "groups",
      OIDC_ROLE_MAP: IDP_ROLE_MAP,
      LOCAL_ACCOUNTS: "off",
      BREAK_GLASS_EMAIL: E2E_USERS.admin.email,
    },
  });
});

test.afterAll(async () => {
  await sso?.stop();
  await idp?.close();
  await query(`DELETE FROM "SignInThrottle" WHERE key LIKE 'ip:198.51.100.%'`);
});

/** A fresh browser as seen from its own (forwarded) address. */
async function newBrowserPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": `198.51.100.${nextAddress++}` } });
  return context.newPage();
}

/** Clicks "Sign in with Test IdP" and signs in on the identity provider's own login page. */
async function signInThroughIdp(page: Page, user: IdpUser): Promise<void> {
  await page.goto(`${sso.url}/sign-in`);
  await page.getByRole("button", { name: "Sign in with Test IdP" }).click();
  await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/interaction/`));
  await page.locator('input[name="login"]').fill(user);
  await page.locator('input[name="password"]').fill("any password: the test provider checks none");
  await page.getByRole("button", { name: "Sign-in" }).click();
}

async function hasSessionCookie(page: Page): Promise<boolean> {
  return (await page.context().cookies()).some((c) => c.name === "next-auth.session-token");
}

async function usersNamed(email: string) {
  return query<{ role: string; oidcSubject: string | null; passwordHash: string | null }>('SELECT role, "oidcSubject", "passwordHash" FROM "User" WHERE email = $1', [email]);
}

test("a user signs in through the identity provider: created with the role of their groups, and the session is revocable", async ({ browser }) => {
  const page = await newBrowserPage(browser);
  await signInThroughIdp(page, "alice");
  await expect(page).toHaveURL(`${sso.url}/connections`);
  await expect(page.getByTestId("user-role")).toHaveText("admin");
  expect(await usersNamed(idpEmail("alice"))).toEqual([{ role: "admin", oidcSubject: "alice", passwordHash: null }]);
  const audit = await query<{ details: { method?: string } }>(`SELECT details FROM "AuditEvent" WHERE "actorEmail" = $1 AND action = 'auth.sign_in' AND outcome = 'success'`, [idpEmail("alice")]);
  expect(audit.map((row) => row.details.method)).toEqual(["oidc"]);

  // Sessions from single sign-on end like any other: a copied cookie is refused afterwards.
  const cookies = await page.context().cookies();
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  const thief = await browser.newContext();
  await thief.addCookies(cookies);
  const thiefPage = await thief.newPage();
  await thiefPage.goto(`${sso.url}/settings`);
  await expect(thiefPage).toHaveURL(/\/sign-in/);
  await thief.close();
  await page.context().close();
});

test("the highest mapped role wins, and the role is evaluated again at every sign-in", async ({ browser }) => {
  const both = await newBrowserPage(browser);
  await signInThroughIdp(both, "both");
  await expect(both.getByTestId("user-role")).toHaveText("admin");
  await both.context().close();

  const vera = await newBrowserPage(browser);
  await signInThroughIdp(vera, "vera");
  await expect(vera.getByTestId("user-role")).toHaveText("viewer");
  await vera.context().close();
  // Raised by hand in the database: the next sign-in puts back what the groups say.
  await query(`UPDATE "User" SET role = 'admin' WHERE email = $1`, [idpEmail("vera")]);
  const again = await newBrowserPage(browser);
  await signInThroughIdp(again, "vera");
  await expect(again.getByTestId("user-role")).toHaveText("viewer");
  expect(await usersNamed(idpEmail("vera"))).toMatchObject([{ role: "viewer" }]);
  await again.context().close();
});

test("a user whose groups map to no role is refused with a page that says so, and no account is made", async ({ browser }) => {
  const page = await newBrowserPage(browser);
  await signInThroughIdp(page, "mallory");
  await expect(page).toHaveURL(/\/sign-in\?error=NoRole/);
  const alert = page.getByRole("main").getByRole("alert");
  await expect(alert).toContainText("Access refused");
  await expect(alert).toContainText("Your Test IdP account is not in any group that gives access to this console.");
  expect(await hasSessionCookie(page)).toBe(false);
  expect(await usersNamed(idpEmail("mallory"))).toEqual([]);
  await page.goto(`${sso.url}/connections`);
  await expect(page).toHaveURL(/\/sign-in/);
  await page.context().close();
});

const TAMPERED: [Tamper, string][] = [
  ["issuer", "an ID token from another issuer"],
  ["audience", "an ID token for another client"],
  ["nonce", "an ID token with another nonce"],
  ["expired", "an expired ID token"],
];

for (const [tamper, what] of TAMPERED) {
  test(`${what} is refused: no session, no account, a clear page`, async ({ browser }) => {
    const page = await newBrowserPage(browser);
    const failuresBefore = await query(`SELECT 1 FROM "AuditEvent" WHERE action = 'auth.sign_in' AND outcome = 'failure' AND details->>'method' = 'oidc'`);
    idp.tamper(tamper);
    try {
      await signInThroughIdp(page, "oscar");
      await expect(page).toHaveURL(/\/sign-in\?.*error=OAuthCallback/);
    } finally {
      idp.tamper(null);
    }
    await expect(page.getByRole("main").getByRole("alert")).toContainText("Sign-in did not complete");
    await expect(page.getByRole("main").getByRole("alert")).toContainText("The answer from Test IdP could not be verified");
    expect(await hasSessionCookie(page)).toBe(false);
    expect(await usersNamed(idpEmail("oscar"))).toEqual([]);
    const failuresAfter = await query(`SELECT 1 FROM "AuditEvent" WHERE action = 'auth.sign_in' AND outcome = 'failure' AND details->>'method' = 'oidc'`);
    expect(failuresAfter.length).toBe(failuresBefore.length + 1);
    await page.context().close();
  });
}

test("with local accounts off, only the break-glass admin signs in with a password, and the trail says so", async ({ browser }) => {
  const page = await newBrowserPage(browser);
  await page.goto(`${sso.url}/sign-in`);
  await expect(page.getByLabel("Email")).toBeHidden();
  await page.getByText("Break-glass administrator sign-in").click();
  await page.getByLabel("Email").fill(E2E_USERS.operator.email);
  await page.getByLabel("Password").fill(E2E_USERS.operator.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText("The email or password is incorrect.");

  await page.getByLabel("Email").fill(E2E_USERS.admin.email);
  await page.getByLabel("Password").fill(E2E_USERS.admin.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("user-role")).toHaveText("admin");
  const events = await query(`SELECT 1 FROM "AuditEvent" WHERE action = 'auth.break_glass_sign_in' AND "actorEmail" = $1`, [E2E_USERS.admin.email]);
  expect(events.length).toBeGreaterThanOrEqual(1);
  await page.context().close();
});

test("when the identity provider is down, the sign-in page says so (no stack trace)", async ({ browser }) => {
  await idp.close();
  const page = await newBrowserPage(browser);
  await page.goto(`${sso.url}/sign-in`);
  await page.getByRole("button", { name: "Sign in with Test IdP" }).click();
  await expect(page).toHaveURL(/\/sign-in\?.*error=OAuthSignin/);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Sign-in unavailable");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Test IdP cannot be reached right now");
  const text = await page.locator("body").innerText();
  expect(text).not.toMatch(/ECONNREFUSED|at .+\.js:\d+|Error:/);
  await page.context().close();
});
