// Single sign-on settings (OIDC_*) and whether local accounts stay on (LOCAL_ACCOUNTS), checked
// with the rest of the environment: a malformed value stops the start with one line naming it.
import { z } from "zod";
import { parseRoleMap, type RoleMap } from "./role-map";

export const oidcEnvFields = {
  /** The identity provider's issuer URL; setting it turns single sign-on on. */
  OIDC_ISSUER: z
    .string()
    .optional()
    .refine((value) => value === undefined || (/^https?:\/\//.test(value) && URL.canParse(value)), {
      message: "must be the identity provider's issuer URL, for example https://example.okta.com/oauth2/default",
    }),
  /** Only for providers that publish their discovery document somewhere else than under the issuer. */
  OIDC_DISCOVERY_URL: z.url({ protocol: /^https?$/, message: "must be the URL of the provider's openid-configuration document" }).optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  /** Shown on the sign-in page as "Sign in with <name>". */
  OIDC_NAME: z.string().trim().min(1).max(60).default("SSO"),
  OIDC_SCOPES: z
    .string()
    .default("openid email profile")
    .transform((value) => value.split(/[\s,]+/).filter(Boolean))
    .refine((scopes) => scopes.includes("openid"), { message: 'must include "openid" (for example "openid email profile groups")' }),
  /** The ID token (or userinfo) claim that lists the user's groups. */
  OIDC_GROUPS_CLAIM: z.string().trim().min(1).default("groups"),
  OIDC_ROLE_MAP: z
    .string()
    .optional()
    .transform((raw, context): RoleMap | undefined => {
      if (raw === undefined) return undefined;
      const parsed = parseRoleMap(raw);
      if (parsed.ok) return parsed.value;
      context.addIssue({ code: "custom", message: parsed.message });
      return z.NEVER;
    }),
  /** "off" keeps only the break-glass admin's password sign-in (needs OIDC_ISSUER). */
  LOCAL_ACCOUNTS: z.enum(["on", "off"], { message: 'must be "on" or "off"' }).default("on"),
  /** The one local admin kept when LOCAL_ACCOUNTS=off (default: ADMIN_EMAIL, the first admin). */
  BREAK_GLASS_EMAIL: z.email("must be an email address").optional(),
  ADMIN_EMAIL: z.email("must be an email address").default("admin@example.com"),
};

type OidcFields = z.output<z.ZodObject<typeof oidcEnvFields>>;

/** Cross-field rules, as issues on the variable to fix. */
export function checkOidcEnv(env: OidcFields, context: z.core.$RefinementCtx): void {
  const issue = (path: string, message: string) => context.addIssue({ code: "custom", path: [path], message });
  if (env.OIDC_ISSUER) {
    if (!env.OIDC_CLIENT_ID) issue("OIDC_CLIENT_ID", "is required when OIDC_ISSUER is set");
    if (!env.OIDC_CLIENT_SECRET) issue("OIDC_CLIENT_SECRET", "is required when OIDC_ISSUER is set (the client secret of the console's application at the identity provider)");
    if (!env.OIDC_ROLE_MAP) issue("OIDC_ROLE_MAP", "is required when OIDC_ISSUER is set, for example admins:admin,ops:operator,readers:viewer");
  } else if (env.LOCAL_ACCOUNTS === "off") {
    issue("LOCAL_ACCOUNTS", "can be off only with single sign-on (set OIDC_ISSUER), or nobody could sign in");
  }
}

export type OidcConfig = {
  issuer: string;
  discoveryUrl: string;
  clientId: string;
  clientSecret: string;
  name: string;
  scopes: string[];
  groupsClaim: string;
  roleMap: RoleMap;
};

export type SignInConfig = {
  oidc: OidcConfig | null;
  /** Password sign-in for everyone, or only for the break-glass admin. */
  localAccounts: "on" | "break-glass";
  breakGlassEmail: string;
};

/** The validated fields, shaped for the sign-in code. */
export function signInConfig(env: OidcFields): SignInConfig {
  const oidc: OidcConfig | null =
    env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET && env.OIDC_ROLE_MAP
      ? {
          issuer: env.OIDC_ISSUER.replace(/\/+$/, ""),
          discoveryUrl: env.OIDC_DISCOVERY_URL ?? `${env.OIDC_ISSUER.replace(/\/+$/, "")}/.well-known/openid-configuration`,
          clientId: env.OIDC_CLIENT_ID,
          clientSecret: env.OIDC_CLIENT_SECRET,
          name: env.OIDC_NAME,
          scopes: env.OIDC_SCOPES,
          groupsClaim: env.OIDC_GROUPS_CLAIM,
          roleMap: env.OIDC_ROLE_MAP,
        }
      : null;
  return {
    oidc,
    localAccounts: oidc && env.LOCAL_ACCOUNTS === "off" ? "break-glass" : "on",
    breakGlassEmail: (env.BREAK_GLASS_EMAIL ?? env.ADMIN_EMAIL).trim().toLowerCase(),
  };
}
