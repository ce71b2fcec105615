// Argument kinds of server actions: a schema and the error a bad value earns. Ids and etags fail
// with one sentence (they never come from a person's typing); forms fail with one message per field.
import { z } from "zod";
import { fieldErrors, type ActionError } from "./result";

export type ActionArg<V> = {
  schema: z.ZodType<V>;
  invalid: (issues: readonly z.core.$ZodIssue[]) => ActionError;
  /** The log field this argument's parsed value fills; only identifiers may have one, never form values. */
  logAs?: "connectionId";
};

export const INVALID_CONNECTION = "This request does not name a valid connection.";

/** An argument whose bad value gets one fixed message. */
export function plainArg<V>(schema: z.ZodType<V>, message: string, code = "validation"): ActionArg<V> {
  return { schema, invalid: () => ({ code, message }) };
}

/** A form's values: the shared schema, errors placed on their fields. */
export function formArg<V>(schema: z.ZodType<V>, message = "Some fields need attention."): ActionArg<V> {
  return { schema, invalid: (issues) => ({ code: "validation", message, fields: fieldErrors(issues) }) };
}

export const remoteIdSchema = z.string().trim().min(1).max(200).regex(/^[\w-]+$/, "Not a connection id.");
export const remoteIdArg: ActionArg<string> = { ...plainArg(remoteIdSchema, INVALID_CONNECTION), logAs: "connectionId" };
/** The etag a write was prepared against; absent means "the stored one". */
export const etagArg = plainArg(z.string().min(1).max(200).optional(), INVALID_CONNECTION);
