// The one preamble of every server action, written once: give the call a request id, guard (no
// stack trace ever reaches the browser), authorise (session re-read from the database), parse each
// argument with its schema, run the domain, revalidate on success, and log one line with the
// outcome. Actions keep positional arguments, so the client components' call signatures
// (remoteId, form values, expected etag) stay as they are.
//
// An action may declare a `prefetch`: a read its run needs first (the connection's row), made in
// the same statement as the session check, so the call waits for one round trip, and the server
// makes one query, instead of two. It is sent only for a session cookie that decrypts with the
// console's secret (a client without one cannot make the console read anything) and only for
// arguments that passed their schemas; the database evaluates it only for a live session, and a
// caller refused for their role gets the refusal, the value dropped unread.
import "server-only";
import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import type { AuditActor } from "@/lib/audit/record";
import { authorizeAction, type SessionUser } from "@/lib/auth/session";
import { sessionClaims } from "@/lib/auth/session-claims";
import type { Permission } from "@/lib/auth/roles";
import type { Prisma } from "@/lib/generated/prisma/client";
import { addLogContext, withLogContext } from "@/lib/log";
import { currentSandbox } from "@/lib/sandbox/current";
import type { ActionArg } from "./args";
import { guardAction } from "./guard";
import { logActionOutcome } from "./log-outcome";
import type { ActionError, ActionResult } from "./result";

export type ActionContext = {
  user: SessionUser;
  /** The user as the audit trail records them. */
  actor: AuditActor;
  /** The sandbox chosen in the header (a configured one, whatever the cookie says). */
  sandbox: string;
  /** This call's id: on its log lines, and the x-request-id of its first Flow Service call. */
  requestId: string;
};

export type Revalidation = string | { layout: string };

type Values<A extends readonly ActionArg<unknown>[]> = { [K in keyof A]: A[K] extends ActionArg<infer V> ? V : never };
type Raw<A extends readonly ActionArg<unknown>[]> = { [K in keyof A]: unknown };

export type ActionSpec<A extends readonly ActionArg<unknown>[], T, P> = {
  /** Shown in logs only. */
  name: string;
  permission: Permission;
  /** One entry per positional argument, in order. */
  args: A;
  /**
   * A read the run needs first, made with the session check (see the top of this file): `select`
   * is a scalar subquery giving one json value or NULL, which must only read and must not depend
   * on who the caller is; `parse` checks that value. The result reaches the run as
   * `context.prefetched`.
   */
  prefetch?: { select: (sandbox: string, ...values: Values<A>) => Prisma.Sql; parse: (value: unknown) => P };
  run: (context: ActionContext & { prefetched: P | undefined }, ...values: Values<A>) => Promise<ActionResult<T>>;
  /** Paths to revalidate after a successful run (a layout entry revalidates everything below it). */
  revalidate?: (data: T, ...values: Values<A>) => Revalidation[];
};

export function defineAction<const A extends readonly ActionArg<unknown>[], T, P = never>(spec: ActionSpec<A, T, P>): (...raw: Partial<Raw<A>>) => Promise<ActionResult<T>> {
  return (...raw) => {
    const requestId = randomUUID();
    return withLogContext({ requestId, action: spec.name }, async () => {
      const started = performance.now();
      let result: ActionResult<T> | undefined;
      try {
        result = await guardAction(spec.name, async () => {
          const claims = await sessionClaims();
          const parsed = parseArgs(spec.args, raw);
          const sandbox = await currentSandbox();
          const prefetchRead = claims && parsed.ok ? spec.prefetch?.select(sandbox, ...(parsed.values as Values<A>)) : undefined;
          const auth = await authorizeAction(spec.permission, claims, prefetchRead);
          if (!auth.ok) return auth;
          addLogContext({ actor: auth.user.email });
          if (!parsed.ok) return { ok: false, error: parsed.error };
          for (const [field, value] of parsed.logFields) addLogContext({ [field]: value });
          const typed = parsed.values as Values<A>;
          const prefetched = prefetchRead ? spec.prefetch?.parse(auth.alongside) : undefined;
          const context = { user: auth.user, actor: { id: auth.user.id, email: auth.user.email }, sandbox, requestId, prefetched };
          addLogContext({ sandbox });
          const outcome = await spec.run(context, ...typed);
          if (outcome.ok && spec.revalidate) {
            for (const entry of spec.revalidate(outcome.data, ...typed)) {
              if (typeof entry === "string") revalidatePath(entry);
              else revalidatePath(entry.layout, "layout");
            }
          }
          return outcome;
        });
        return result;
      } finally {
        // No result: Next's redirect() or notFound() passed through the guard.
        logActionOutcome(result, performance.now() - started);
      }
    });
  };
}

type Parsed = { ok: true; values: unknown[]; logFields: [string, string][] } | { ok: false; error: ActionError };

/** Each argument through its schema, in order; the first bad one gives the error. */
function parseArgs(args: readonly ActionArg<unknown>[], raw: readonly unknown[]): Parsed {
  const values: unknown[] = [];
  const logFields: [string, string][] = [];
  for (const [index, arg] of args.entries()) {
    const parsed = arg.schema.safeParse(raw[index]);
    if (!parsed.success) return { ok: false, error: arg.invalid(parsed.error.issues) };
    values.push(parsed.data);
    if (arg.logAs && typeof parsed.data === "string") logFields.push([arg.logAs, parsed.data]);
  }
  return { ok: true, values, logFields };
}
