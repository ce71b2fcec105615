import { notFound } from "next/navigation";
import { RunProgressView } from "@/components/runs/run-progress";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { currentSandbox } from "@/lib/sandbox/current";
import { runIdSchema } from "@/lib/runs/schemas";
import { getRunProgress } from "@/lib/runs/view";
import { dataflowsAfterRotationAction } from "../../connections/actions";
import { cancelRunAction, retryFailedAction, runProgressAction } from "../actions";

export const metadata = { title: "Rotation run" };

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("runs:read");
  const id = runIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const initial = await getRunProgress(await currentSandbox(), id.data, { page: 1 });
  if (!initial) notFound();
  return (
    <>
      <PageHeader title="Rotation run" description={<span className="font-mono text-xs">{initial.run.id}</span>} />
      <RunProgressView initial={initial} progress={runProgressAction} cancel={cancelRunAction} retry={retryFailedAction} checkDataflows={dataflowsAfterRotationAction} canManage={can(user.role, "runs:manage")} />
    </>
  );
}
