import { randomUUID } from "node:crypto";
import { NewConnectionWizard } from "@/components/connections/wizard/new-connection-wizard";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/session";
import { currentSandbox } from "@/lib/sandbox/current";
import { checkBucketAction, createConnectionAction, fetchIamRoleAction } from "./actions";

export const metadata = { title: "New connection" };

export default async function NewConnectionPage() {
  await requirePageUser("connections:create");
  const sandbox = await currentSandbox();
  return (
    <>
      <PageHeader title="New connection" description={`Connect an Amazon S3 bucket to Experience Platform in sandbox ${sandbox}.`} />
      {/* One id per visit of this page: a double-submitted or retried create reuses it. */}
      <NewConnectionWizard
        submissionId={randomUUID()}
        actions={{ checkBucket: checkBucketAction, fetchIamRole: fetchIamRoleAction, createConnection: createConnectionAction }}
      />
    </>
  );
}
