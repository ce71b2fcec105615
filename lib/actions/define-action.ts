// The one preamble of every server action, written once: give the call a request id, guard (no
// stack trace ever reaches the browser), authorise (session re-read from the database), parse each
// argument with its schema, run the domain, revalidate on success, and log one line with the
// outcome. Actions keep positional arguments, so the client components' call signatures
// (remoteId, form values, expected etag) stay as they are.
//
// An action may declare a `prefetch`: a read its run needs first (the connection's row), started
// while the database confirms the session, so the call waits for one round trip instead of two.
// It starts only for a session cookie that decrypts with the console's secret (a client without
// one cannot make the console read anything) and only for arguments that passed their schemas; if
// the caller is then refused, its result is dropped unread and the refusal is answered as before.
import "server-only";
import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import type { AuditActor } from "@/lib/audit/record";
import { authorizeAction, type SessionUser } from "@/lib/auth/session";
import { sessionClaims } from "@/lib/auth/session-claims";
import type { Permission } from "@/lib/auth/roles";
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
   * A read the run needs first, started before the caller is authorised (see the top of this
   * file): it must only read, never write or call an outside system, and must not depend on who
   * the caller is. Its result reaches the run as `context.prefetched`.
   */
  prefetch?: (sandbox: string, ...values: Values<A>) => Promise<P>;
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
          const prefetching = claims && parsed.ok && spec.prefetch ? settled(spec.prefetch(sandbox, ...(parsed.values as Values<A>))) : undefined;
          const auth = await authorizeAction(spec.permission, claims);
          if (!auth.ok) return auth;
          addLogContext({ actor: auth.user.email });
          if (!parsed.ok) return { ok: false, error: parsed.error };
          for (const [field, value] of parsed.logFields) addLogContext({ [field]: value });
          const typed = parsed.values as Values<A>;
          const prefetched = prefetching ? unwrap(await prefetching) : undefined;
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

type Settled<P> = { ok: true; value: P } | { ok: false; error: unknown };

/** Never rejects: a prefetch that fails for a caller who is then refused must not go unhandled. */
function settled<P>(promise: Promise<P>): Promise<Settled<P>> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

/** The prefetch's failure becomes the run's, as if the run had made the read itself. */
function unwrap<P>(outcome: Settled<P>): P {
  if (outcome.ok) return outcome.value;
  throw outcome.error;
}
