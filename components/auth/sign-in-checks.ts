// The sign-in form's checks: the schema authorize() parses with on the server. Loaded by the form
// when it is first focused or sent (sign-in-form.tsx), so zod is not in the sign-in page's first load.
import { signInSchema, type SignInInput } from "@/lib/auth/schemas";

export type SignInField = keyof SignInInput;
export type SignInFieldErrors = Partial<Record<SignInField, string>>;

// The schema names the fields: a field added to it gets its message here without a second list.
const isSignInField = (key: PropertyKey | undefined): key is SignInField => typeof key === "string" && Object.hasOwn(signInSchema.shape, key);

/** The values to send (trimmed, lowercased as the server reads them), or each field's first problem. */
export function checkSignIn(values: SignInInput): { ok: true; values: SignInInput } | { ok: false; errors: SignInFieldErrors } {
  const parsed = signInSchema.safeParse(values);
  if (parsed.success) return { ok: true, values: parsed.data };
  const errors: SignInFieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (isSignInField(field) && !errors[field]) errors[field] = issue.message;
  }
  return { ok: false, errors };
}
