import { RunsTable } from "@/components/runs/runs-table";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/session";
import { currentSandbox } from "@/lib/sandbox/current";
import { listRuns } from "@/lib/runs/view";
import { listRunsAction } from "./actions";

export const metadata = { title: "Runs" };

export default async function RunsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requirePageUser("runs:read");
  const sandbox = await currentSandbox();
  const page = Math.min(10_000, Math.max(1, Number.parseInt((await searchParams).page ?? "1", 10) || 1));
  const initial = await listRuns(sandbox, page);
  return (
    <>
      <PageHeader
        title="Runs"
        description={
          <>
            Rotation runs of sandbox <strong>{sandbox}</strong>. They are carried out on the server by every console instance together, and go on when the page that started them is closed.
          </>
        }
      />
      <RunsTable initial={initial} page={page} list={listRunsAction} />
    </>
  );
}
