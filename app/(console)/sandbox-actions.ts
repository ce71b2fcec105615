"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { guardAction } from "@/lib/actions/guard";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import { authorizeAction } from "@/lib/auth/session";
import { availableSandboxes, SANDBOX_COOKIE } from "@/lib/sandbox/current";

/** Switches the sandbox every console page shows. Only configured sandboxes are accepted. */
export async function switchSandboxAction(sandbox: unknown): Promise<ActionResult<{ sandbox: string }>> {
  return guardAction("switchSandboxAction", async () => {
    const auth = await authorizeAction("connections:read");
    if (!auth.ok) return auth;
    if (typeof sandbox !== "string" || !availableSandboxes().includes(sandbox)) return fail("validation", "That sandbox is not configured for this console.");
    (await cookies()).set(SANDBOX_COOKIE, sandbox, { httpOnly: true, sameSite: "lax", path: "/", secure: process.env.NODE_ENV === "production" && process.env.NEXTAUTH_URL?.startsWith("https://") === true });
    revalidatePath("/", "layout");
    return ok({ sandbox });
  });
}
