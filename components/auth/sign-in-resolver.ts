// The sign-in form's validation: the schema authorize() parses with on the server. Loaded by the
// form on its first check (components/forms/lazy-resolver.ts), so zod is not in the sign-in
// page's first load.
import { zodResolver } from "@hookform/resolvers/zod";
import { signInSchema } from "@/lib/auth/schemas";

export const signInResolver = zodResolver(signInSchema);
