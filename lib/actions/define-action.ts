// The one preamble of every server action, written once: guard (no stack trace ever reaches the
// browser), authorise (session re-read from the database), parse each argument with its schema,
// run the domain, revalidate on success. Actions keep positional arguments, so the client
// components' call signatures (remoteId, form values, expected etag) stay as they are.
import "server-only";
import { revalidatePath } from "next/cache";
import type { AuditActor } from "@/lib/audit/record";
import { authorizeAction, type SessionUser } from "@/lib/auth/session";
import type { Permission } from "@/lib/auth/roles";
import { currentSandbox } from "@/lib/sandbox/current";
import type { ActionArg } from "./args";
import { guardAction } from "./guard";
import type { ActionResult } from "./result";

export type ActionContext = {
  user: SessionUser;
  /** The user as the audit trail records them. */
  actor: AuditActor;
  /** The sandbox chosen in the header (a configured one, whatever the cookie says). */
  sandbox: string;
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
  return (...raw) =>
    guardAction(spec.name, async () => {
      const auth = await authorizeAction(spec.permission);
      if (!auth.ok) return auth;
      const values: unknown[] = [];
      for (const [index, arg] of spec.args.entries()) {
        const parsed = arg.schema.safeParse(raw[index]);
        if (!parsed.success) return { ok: false, error: arg.invalid(parsed.error.issues) };
        values.push(parsed.data);
      }
      const context: ActionContext = { user: auth.user, actor: { id: auth.user.id, email: auth.user.email }, sandbox: await currentSandbox() };
      const typed = values as Values<A>;
      const result = await spec.run(context, ...typed);
      if (result.ok && spec.revalidate) {
        for (const entry of spec.revalidate(result.data, ...typed)) {
          if (typeof entry === "string") revalidatePath(entry);
          else revalidatePath(entry.layout, "layout");
        }
      }
      return result;
    });
}
