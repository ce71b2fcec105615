// The one preamble of every server action, written once: give the call a request id, guard (no
// stack trace ever reaches the browser), authorise (session re-read from the database), parse each
// argument with its schema, run the domain, revalidate on success, and log one line with the
// outcome. Actions keep positional arguments, so the client components' call signatures
// (remoteId, form values, expected etag) stay as they are.
import "server-only";
import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import type { AuditActor } from "@/lib/audit/record";
import { authorizeAction, type SessionUser } from "@/lib/auth/session";
import type { Permission } from "@/lib/auth/roles";
import { addLogContext, withLogContext } from "@/lib/log";
import { currentSandbox } from "@/lib/sandbox/current";
import type { ActionArg } from "./args";
import { guardAction } from "./guard";
import { logActionOutcome } from "./log-outcome";
import type { ActionResult } from "./result";

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

export type ActionSpec<A extends readonly ActionArg<unknown>[], T> = {
  /** Shown in logs only. */
  name: string;
  permission: Permission;
  /** One entry per positional argument, in order. */
  args: A;
  run: (context: ActionContext, ...values: Values<A>) => Promise<ActionResult<T>>;
  /** Paths to revalidate after a successful run (a layout entry revalidates everything below it). */
  revalidate?: (data: T, ...values: Values<A>) => Revalidation[];
};

export function defineAction<const A extends readonly ActionArg<unknown>[], T>(spec: ActionSpec<A, T>): (...raw: Partial<Raw<A>>) => Promise<ActionResult<T>> {
  return (...raw) => {
    const requestId = randomUUID();
    return withLogContext({ requestId, action: spec.name }, async () => {
      const started = performance.now();
      let result: ActionResult<T> | undefined;
      try {
        result = await guardAction(spec.name, async () => {
          const auth = await authorizeAction(spec.permission);
          if (!auth.ok) return auth;
          addLogContext({ actor: auth.user.email });
          const values: unknown[] = [];
          for (const [index, arg] of spec.args.entries()) {
            const parsed = arg.schema.safeParse(raw[index]);
            if (!parsed.success) return { ok: false, error: arg.invalid(parsed.error.issues) };
            values.push(parsed.data);
            if (arg.logAs && typeof parsed.data === "string") addLogContext({ [arg.logAs]: parsed.data });
          }
          const context: ActionContext = { user: auth.user, actor: { id: auth.user.id, email: auth.user.email }, sandbox: await currentSandbox(), requestId };
          addLogContext({ sandbox: context.sandbox });
          const typed = values as Values<A>;
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
