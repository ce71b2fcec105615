"use server";

// Thin server actions of the wizard: session and role, validation with the shared schemas, then
// the domain. Results are typed and never carry secrets, stack traces or raw upstream bodies.
import { revalidatePath } from "next/cache";
import { guardAction } from "@/lib/actions/guard";
import { fail, fieldErrors, ok, type ActionResult } from "@/lib/actions/result";
import { authorizeAction } from "@/lib/auth/session";
import { checkWizardBucket, type BucketCheckOutcome } from "@/lib/connections/bucket-check";
import { createConnection } from "@/lib/connections/create-connection";
import { flowServiceFailure } from "@/lib/connections/errors";
import { bucketCheckSchema, newConnectionSchema } from "@/lib/connections/schemas";
import { flowService } from "@/lib/flow-service/server";
import { currentSandbox } from "@/lib/sandbox/current";

export async function checkBucketAction(raw: unknown): Promise<ActionResult<BucketCheckOutcome>> {
  return guardAction("checkBucketAction", async () => {
    const auth = await authorizeAction("connections:create");
    if (!auth.ok) return auth;
    const parsed = bucketCheckSchema.safeParse(raw);
    if (!parsed.success) return fail("validation", "Some fields need attention.", { fields: fieldErrors(parsed.error.issues) });
    try {
      return ok(await checkWizardBucket(parsed.data));
    } catch {
      return fail("internal", "The bucket check could not run. Try again.");
    }
  });
}

export async function fetchIamRoleAction(): Promise<ActionResult<{ iamRole: string }>> {
  return guardAction("fetchIamRoleAction", async () => {
    const auth = await authorizeAction("connections:create");
    if (!auth.ok) return auth;
    try {
      const { iamRole } = await flowService().getIamRole({ sandbox: await currentSandbox() });
      return ok({ iamRole });
    } catch (error) {
      return flowServiceFailure(error, "Fetching AEP's IAM role");
    }
  });
}

export async function createConnectionAction(raw: unknown): Promise<ActionResult<{ remoteId: string; etag: string; name: string }>> {
  return guardAction("createConnectionAction", async () => {
    const auth = await authorizeAction("connections:create");
    if (!auth.ok) return auth;
    const parsed = newConnectionSchema.safeParse(raw);
    if (!parsed.success) return fail("validation", "Some fields need attention.", { fields: fieldErrors(parsed.error.issues) });
    const result = await createConnection(parsed.data, { id: auth.user.id, email: auth.user.email }, await currentSandbox());
    if (!result.ok) return result;
    revalidatePath("/connections");
    return ok({ remoteId: result.data.remoteId, etag: result.data.etag, name: result.data.name });
  });
}
