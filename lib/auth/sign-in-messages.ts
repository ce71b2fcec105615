// What the sign-in page says for each error code next-auth or the console puts in `?error=`.
// Browser-safe (no server imports): the sign-in form uses it.
export function signInMessage(code: string, providerName: string | null): { title?: string; text: string } {
  const idp = providerName ?? "the identity provider";
  switch (code) {
    case "Throttled":
      return { text: "Too many failed attempts. Wait a few minutes, then try again." };
    case "AccountDisabled":
      return { text: "This account is disabled. Ask an administrator of this console to enable it." };
    case "NoRole":
      return { title: "Access refused", text: `Your ${idp} account is not in any group that gives access to this console. Ask your administrator to add you to one of the console's groups, then sign in again.` };
    case "NoEmail":
      return { title: "Access refused", text: `${idp} did not say which email address your account has, so the console cannot tell who you are. Ask your administrator to release the email claim to this console.` };
    case "EmailTaken":
      return { title: "Access refused", text: `Your email address already belongs to another account of this console. Ask an administrator of this console to sort out the two accounts.` };
    case "OAuthSignin":
      return { title: "Sign-in unavailable", text: `${idp} cannot be reached right now, so signing in with it cannot start. Try again in a moment; if it keeps failing, tell your administrator.` };
    case "OAuthCallback":
    case "Callback":
    case "OAuthCreateAccount":
      return { title: "Sign-in did not complete", text: `The answer from ${idp} could not be verified, or ${idp} could not be reached. Nothing was signed in. Try again; if it keeps failing, tell your administrator.` };
    case "AccessDenied":
      return { title: "Access refused", text: "This console did not accept the sign-in." };
    case "SessionRequired":
      return { text: "Sign in to continue." };
    case "Unreachable":
      return { text: "The console could not be reached, so nothing was checked. Check your connection, then try again." };
    default:
      return { text: "The email or password is incorrect." };
  }
}
