"use server";

// Inventory actions: sync, and session-token rotation from a row or a bulk selection. Thin on
// purpose: session and role, validation with the shared schema, the domain, revalidation.
import { revalidatePath } from "next/cache";
import { guardAction } from "@/lib/actions/guard";
import { fail, fieldErrors, ok, type ActionResult } from "@/lib/actions/result";
import { authorizeAction } from "@/lib/auth/session";
import { flowServiceFailure } from "@/lib/connections/errors";
import { rotateSessionToken, type Rotated } from "@/lib/connections/rotate-token";
import { rotateWithSts } from "@/lib/connections/rotate-with-sts";
import { setRotationSource } from "@/lib/connections/rotation-source";
import { rotationSourceSchema } from "@/lib/sts/rotation-source";
import { rotateTokenSchema } from "@/lib/connections/schemas";
import { syncSandbox, type SyncReport } from "@/lib/connections/sync";
import { currentSandbox } from "@/lib/sandbox/current";
import { z } from "zod";

const remoteIdSchema = z.string().trim().min(1).max(200).regex(/^[\w-]+$/, "Not a connection id.");
const etagSchema = z.string().min(1).max(200).optional();

export async function syncNowAction(): Promise<ActionResult<SyncReport>> {
  return guardAction("syncNowAction", async () => {
    const auth = await authorizeAction("connections:sync");
    if (!auth.ok) return auth;
    try {
      const report = await syncSandbox(await currentSandbox(), { id: auth.user.id, email: auth.user.email });
      revalidatePath("/connections");
      return ok(report);
    } catch (error) {
      return flowServiceFailure(error, "Syncing with Flow Service");
    }
  });
}

export async function rotateTokenAction(remoteId: unknown, raw: unknown, expectedEtag?: unknown): Promise<ActionResult<Rotated>> {
  return guardAction("rotateTokenAction", async () => {
    const auth = await authorizeAction("connections:rotate");
    if (!auth.ok) return auth;
    const id = remoteIdSchema.safeParse(remoteId);
    const etag = etagSchema.safeParse(expectedEtag);
    const parsed = rotateTokenSchema.safeParse(raw);
    if (!id.success || !etag.success) return fail("validation", "This request does not name a valid connection.");
    if (!parsed.success) return fail("validation", "Some fields need attention.", { fields: fieldErrors(parsed.error.issues) });
    const result = await rotateSessionToken(await currentSandbox(), id.data, parsed.data, { id: auth.user.id, email: auth.user.email }, { expectedEtag: etag.data });
    if (result.ok) revalidatePath("/connections");
    return result;
  });
}

export async function rotateWithStsAction(remoteId: unknown, expectedEtag?: unknown): Promise<ActionResult<Rotated>> {
  return guardAction("rotateWithStsAction", async () => {
    const auth = await authorizeAction("connections:rotate");
    if (!auth.ok) return auth;
    const id = remoteIdSchema.safeParse(remoteId);
    const etag = etagSchema.safeParse(expectedEtag);
    if (!id.success || !etag.success) return fail("validation", "This request does not name a valid connection.");
    const result = await rotateWithSts(await currentSandbox(), id.data, { id: auth.user.id, email: auth.user.email }, { expectedEtag: etag.data });
    if (result.ok) revalidatePath("/connections");
    return result;
  });
}

/** Sets (or, with null, clears) the IAM role the console assumes to mint this connection's credentials. */
export async function setRotationSourceAction(remoteId: unknown, raw: unknown): Promise<ActionResult<{ remoteId: string }>> {
  return guardAction("setRotationSourceAction", async () => {
    const auth = await authorizeAction("connections:edit");
    if (!auth.ok) return auth;
    const id = remoteIdSchema.safeParse(remoteId);
    if (!id.success) return fail("validation", "This request does not name a valid connection.");
    let source = null;
    if (raw !== null) {
      const parsed = rotationSourceSchema.safeParse(raw);
      if (!parsed.success) return fail("validation", "Some fields need attention.", { fields: fieldErrors(parsed.error.issues) });
      source = parsed.data;
    }
    const result = await setRotationSource(await currentSandbox(), id.data, source, { id: auth.user.id, email: auth.user.email });
    if (result.ok) revalidatePath(`/connections/${id.data}`);
    return result;
  });
}
