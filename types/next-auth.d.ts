import type { DefaultSession } from "next-auth";
import type { Role } from "@/lib/auth/roles";

declare module "next-auth" {
  interface Session {
    /** sessionId names the server-side session row (lib/auth/sessions.ts); it grants nothing alone. */
    user: DefaultSession["user"] & { id: string; role: Role; sessionId?: string };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: Role;
    /** The server-side session this cookie stands for. */
    sid?: string;
  }
}
