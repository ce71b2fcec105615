import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DeleteConnectionForm } from "@/components/connections/detail/delete-connection-form";
import { EditConnectionForm } from "@/components/connections/detail/edit-connection-form";
import { FolderBrowser } from "@/components/connections/detail/folder-browser";
import { RotationPanel } from "@/components/connections/detail/rotation-panel";
import { StoredAndLiveFields } from "@/components/connections/detail/stored-and-live-fields";
import { TestConnectionButton } from "@/components/connections/detail/test-connection-button";
import { AutoRotationPanel } from "@/components/rotation-policy/auto-rotation-panel";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/roles";
import { currentUser, requirePageUser } from "@/lib/auth/session";
import { connectionPageTitle, getConnectionDetail } from "@/lib/connections/detail";
import { rotationOverview } from "@/lib/rotation-policy/overview";
import { currentSandbox } from "@/lib/sandbox/current";
import { DataflowPanel } from "@/components/dataflows/dataflow-panel";
import { dataflowsAfterRotationAction, rotateTokenAction, rotateWithStsAction, setRotationSourceAction } from "../actions";
import { connectionDataflowsAction, deleteConnectionAction, deleteImpactAction, editConnectionAction, exploreFolderAction, pauseAutoRotationAction, resumeAutoRotationAction, setRotationPolicyAction, testConnectionAction } from "./actions";
import { utcTime } from "@/lib/format/utc";

/** The tab names the connection, for a caller who may read it (the page checks the caller again). */
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const user = await currentUser();
  if (!user || !can(user.role, "connections:read")) return { title: "Connection" };
  const name = await connectionPageTitle(await currentSandbox(), decodeURIComponent((await params).id));
  return { title: name ?? "Connection not found" };
}

function when(date: Date | null | undefined): string {
  return date ? utcTime(date) : "—";
}

export default async function ConnectionPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requirePageUser("connections:read");
  const { id } = await params;
  const { created } = await searchParams;
  const detail = await getConnectionDetail(await currentSandbox(), decodeURIComponent(id));
  if (!detail) notFound();
  const { stored, live, history } = detail;
  const rootLabel = [stored.bucketName, stored.folderPath].filter(Boolean).join("/") || "Root";
  return (
    <>
      <PageHeader title={stored.name} description={stored.description ?? undefined} />
      {created ? (
        <div className="mb-4">
          <Alert tone="success" title="Connection created">
            Flow Service id <code className="font-mono" data-testid="created-id">{stored.remoteId}</code>, etag <code className="font-mono" data-testid="created-etag">{stored.etag}</code>.
          </Alert>
        </div>
      ) : null}
      <StoredAndLiveFields stored={stored} live={live} />
      <dl className="mt-4 grid max-w-4xl grid-cols-[12rem_1fr] gap-y-1 text-sm">
        <dt className="font-medium">Platform</dt>
        <dd>{stored.platform === "aws" ? "AEP on AWS" : "AEP on Azure"}</dd>
        <dt className="font-medium">Created in Flow Service</dt>
        <dd>{when(stored.remoteCreatedAt)}</dd>
        <dt className="font-medium">Session token set</dt>
        <dd>{when(stored.sessionTokenSetAt)}</dd>
        <dt className="font-medium">Session token expires</dt>
        <dd>{when(stored.sessionTokenExpiresAt)}</dd>
        <dt className="font-medium">Last synced</dt>
        <dd>{when(stored.lastSyncedAt)}</dd>
      </dl>
      {/* Reads for every role; edit and delete only for the roles allowed to (the actions check again).
          The edit form is keyed by the stored etag: after any stored write it starts from the new values. */}
      <div className="mt-8 max-w-4xl space-y-8">
        {/* Loaded by the browser after the page: a slow or failing Flow Service never holds the page. */}
        <DataflowPanel remoteId={stored.remoteId} version={stored.etag} load={connectionDataflowsAction} />
        <TestConnectionButton remoteId={stored.remoteId} test={testConnectionAction} />
        <FolderBrowser remoteId={stored.remoteId} rootLabel={rootLabel} explore={exploreFolderAction} />
        {can(user.role, "connections:rotate") && stored.platform === "azure" && !stored.remoteMissingSince ? (
          <RotationPanel
            remoteId={stored.remoteId}
            name={stored.name}
            source={{ roleArn: stored.rotationRoleArn, externalId: stored.rotationExternalId, durationSeconds: stored.rotationDurationSeconds }}
            canEditSource={can(user.role, "connections:edit")}
            rotate={rotateTokenAction}
            mint={rotateWithStsAction}
            saveSource={setRotationSourceAction}
            checkDataflows={dataflowsAfterRotationAction}
          />
        ) : null}
        {stored.platform === "azure" && !stored.remoteMissingSince ? (
          <AutoRotationPanel
            remoteId={stored.remoteId}
            overview={await rotationOverview(stored)}
            canEdit={can(user.role, "connections:edit")}
            canPause={can(user.role, "connections:rotate")}
            save={setRotationPolicyAction}
            pause={pauseAutoRotationAction}
            resume={resumeAutoRotationAction}
            checkDataflows={dataflowsAfterRotationAction}
          />
        ) : null}
        {can(user.role, "connections:edit") ? (
          <EditConnectionForm key={stored.etag} remoteId={stored.remoteId} name={stored.name} description={stored.description} save={editConnectionAction} />
        ) : null}
      </div>
      <h2 className="mb-2 mt-8 text-lg font-semibold">History</h2>
      <ul className="max-w-4xl space-y-1 text-sm">
        {history.map((event) => (
          <li key={event.id} className="flex gap-3">
            <span className="font-mono text-xs">{when(event.occurredAt)}</span>
            <span>{event.action}</span>
            <Badge tone={event.outcome === "success" ? "good" : event.outcome === "conflict" ? "warn" : "bad"}>{event.outcome}</Badge>
            <span className="text-slate-600">{event.actorEmail}</span>
          </li>
        ))}
      </ul>
      {can(user.role, "connections:delete") ? <DeleteConnectionForm remoteId={stored.remoteId} name={stored.name} remove={deleteConnectionAction} impact={deleteImpactAction} /> : null}
    </>
  );
}
