// Environment variables of sign-in and sessions: trusted proxies, single sign-on, local accounts.
// Part of the server environment (lib/env.ts); also checked by `npm start` before it starts
// anything, so a bad value costs one line and no waiting.
import { z } from "zod";
import { checkOidcEnv, oidcEnvFields, signInConfig, type SignInConfig } from "./oidc/config";
import { trustProxySchema } from "./trust-proxy";

export const authEnvSchema = z
  .object({
    /** Proxies whose X-Forwarded-For may be believed (see trust-proxy.ts). */
    TRUST_PROXY: trustProxySchema,
    ...oidcEnvFields,
  })
  .superRefine(checkOidcEnv);

export type AuthEnv = z.infer<typeof authEnvSchema>;

/** How people sign in, from the validated environment. */
export function authSignInConfig(env: AuthEnv): SignInConfig {
  return signInConfig(env);
}

/** The first problem, as one line naming the variable; undefined when the values are valid. */
export function authEnvProblem(source: Record<string, string | undefined>): string | undefined {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const result = authEnvSchema.safeParse(cleaned);
  if (result.success) return undefined;
  const issue = result.error.issues[0]!;
  return `${issue.path.join(".")} ${issue.message}`;
}
