"use server";

// Settings → Rotation: the sandbox's default rotation policy (admins).
import { formArg } from "@/lib/actions/args";
import { defineAction } from "@/lib/actions/define-action";
import { sandboxPolicySchema } from "@/lib/rotation-policy/schemas";
import { setSandboxPolicy } from "@/lib/rotation-policy/set-policy";

export const setSandboxRotationPolicyAction = defineAction({
  name: "setSandboxRotationPolicyAction",
  permission: "policies:manage",
  args: [formArg(sandboxPolicySchema)],
  run: ({ sandbox, actor }, policy) => setSandboxPolicy(sandbox, policy, actor),
  revalidate: () => ["/settings", "/upcoming"],
});
