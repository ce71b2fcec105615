import { z } from "zod";

/** Sign-in form: shared by the browser form and the server-side authorize(). */
export const signInSchema = z.object({
  // Trim and lowercase before validating: " Ops@Example.com" is the same account as "ops@example.com".
  email: z.string().trim().toLowerCase().max(254).pipe(z.email("Enter the email address of your console account.")),
  password: z.string().min(1, "Enter your password.").max(1024, "That password is too long."),
});

export type SignInInput = z.input<typeof signInSchema>;
