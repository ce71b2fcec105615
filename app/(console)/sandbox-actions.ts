"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { plainArg } from "@/lib/actions/args";
import { defineAction } from "@/lib/actions/define-action";
import { fail, ok } from "@/lib/actions/result";
import { availableSandboxes, SANDBOX_COOKIE } from "@/lib/sandbox/current";

/** Switches the sandbox every console page shows. Only configured sandboxes are accepted. */
export const switchSandboxAction = defineAction({
  name: "switchSandboxAction",
  permission: "connections:read",
  args: [plainArg(z.string(), "That sandbox is not configured for this console.")],
  async run(_context, sandbox) {
    if (!availableSandboxes().includes(sandbox)) return fail("validation", "That sandbox is not configured for this console.");
    (await cookies()).set(SANDBOX_COOKIE, sandbox, { httpOnly: true, sameSite: "lax", path: "/", secure: process.env.NODE_ENV === "production" && process.env.NEXTAUTH_URL?.startsWith("https://") === true });
    return ok({ sandbox });
  },
  revalidate: () => [{ layout: "/" }],
});
