"use server";

// Settings → Users: an admin ends a user's sessions, or disables or enables an account. Effective
// on that user's next request; audited with the change.
import { z } from "zod";
import { plainArg } from "@/lib/actions/args";
import { defineAction } from "@/lib/actions/define-action";
import { endUserSessions, setUserDisabled } from "@/lib/users/manage";

const userIdArg = plainArg(z.uuid(), "This request does not name a valid user.");
const disabledArg = plainArg(z.boolean(), "Say whether the account is to be disabled (true) or enabled (false).");

export const endUserSessionsAction = defineAction({
  name: "endUserSessionsAction",
  permission: "users:manage",
  args: [userIdArg],
  run: ({ actor }, userId) => endUserSessions(actor, userId),
  revalidate: () => ["/settings"],
});

export const setUserDisabledAction = defineAction({
  name: "setUserDisabledAction",
  permission: "users:manage",
  args: [userIdArg, disabledArg],
  run: ({ user, actor }, userId, disabled) => setUserDisabled({ ...actor, id: user.id }, userId, disabled),
  revalidate: () => ["/settings"],
});
