"use server";

import { defineAction } from "@/lib/actions/define-action";
import { endOwnSessions } from "@/lib/users/manage";

/** "Sign out everywhere" (header): ends every session of the caller, on every device. */
export const signOutEverywhereAction = defineAction({
  name: "signOutEverywhereAction",
  permission: "sessions:end-own",
  args: [],
  run: ({ user }) => endOwnSessions({ id: user.id, email: user.email }),
});
