"use server";

// Thin server actions of the wizard: the preamble is defineAction's, the work the domain's.
// Results are typed and never carry secrets, stack traces or raw upstream bodies.
import { formArg } from "@/lib/actions/args";
import { defineAction } from "@/lib/actions/define-action";
import { fail, ok } from "@/lib/actions/result";
import { checkWizardBucket } from "@/lib/connections/bucket-check";
import { createConnection } from "@/lib/connections/create-connection";
import { flowServiceFailure } from "@/lib/connections/errors";
import { bucketCheckSchema, newConnectionSchema } from "@/lib/connections/schemas";
import { flowService } from "@/lib/flow-service/server";

export const checkBucketAction = defineAction({
  name: "checkBucketAction",
  permission: "connections:create",
  args: [formArg(bucketCheckSchema)],
  async run(_context, input) {
    try {
      return ok(await checkWizardBucket(input));
    } catch {
      return fail("internal", "The bucket check could not run. Try again.");
    }
  },
});

export const fetchIamRoleAction = defineAction({
  name: "fetchIamRoleAction",
  permission: "connections:create",
  args: [],
  async run({ sandbox }) {
    try {
      const { iamRole } = await flowService().getIamRole({ sandbox });
      return ok({ iamRole });
    } catch (error) {
      return flowServiceFailure(error, "Fetching AEP's IAM role");
    }
  },
});

export const createConnectionAction = defineAction({
  name: "createConnectionAction",
  permission: "connections:create",
  args: [formArg(newConnectionSchema)],
  async run({ sandbox, actor }, input) {
    const result = await createConnection(input, actor, sandbox);
    if (!result.ok) return result;
    return ok({ remoteId: result.data.remoteId, etag: result.data.etag, name: result.data.name });
  },
  revalidate: () => ["/connections"],
});
