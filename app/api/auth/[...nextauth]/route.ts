import NextAuth from "next-auth";
import { guardOidcCallback } from "@/lib/auth/oidc/callback-guard";
import { authOptions } from "@/lib/auth/options";

const handler = (request: Request, context: unknown) => guardOidcCallback(request, () => NextAuth(authOptions())(request, context) as Promise<Response>);

export { handler as GET, handler as POST };
