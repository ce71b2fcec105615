import Link from "next/link";
import { DataflowCheckToggle } from "@/components/dataflows/dataflow-check-toggle";
import type { DataflowsAfterRotationAction } from "@/components/dataflows/rotation-dataflow-check";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import type { RotationOverview } from "@/lib/rotation-policy/overview";
import { PauseButton, type PauseAction } from "./pause-button";
import { PolicyForm, type SetPolicyAction } from "./policy-form";
import { RotationSteps } from "./rotation-steps";
import { statusText, statusTone } from "./status-text";
import { utcTime } from "@/lib/format/utc";
import { runPath } from "@/lib/paths";

const when = (iso: string | null) => (iso ? utcTime(iso) : "—");

/**
 * Zero-click rotation on the connection page: whether it is on, when it runs next, how the last
 * attempt went (and which step stopped it, with what to do), and the policy.
 */
type AutoRotationPanelProps = {
  remoteId: string;
  overview: RotationOverview;
  canEdit: boolean;
  canPause: boolean;
  save: SetPolicyAction;
  pause: PauseAction;
  resume: PauseAction;
  checkDataflows: DataflowsAfterRotationAction;
};

export function AutoRotationPanel({ remoteId, overview, canEdit, canPause, save, pause, resume, checkDataflows }: AutoRotationPanelProps) {
  const { status, last, steps } = overview;
  return (
    <section aria-labelledby="auto-rotation-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" data-testid="auto-rotation">
      <h2 id="auto-rotation-heading" className="flex flex-wrap items-center gap-2 text-lg font-semibold">
        Automatic rotation <Badge tone={statusTone(status)}>{statusText(status)}</Badge>
      </h2>
      {status.kind === "needs_attention" ? (
        <Alert tone="error" title="A person must look before the next rotation">
          {status.message}
        </Alert>
      ) : null}
      <dl className="grid grid-cols-[12rem_1fr] gap-y-1 text-sm">
        <dt className="font-medium">Policy</dt>
        <dd>
          {overview.policy.enabled ? "on" : "off"}
          {overview.policy.inherited ? " (sandbox default)" : ""}: rotate with less than {overview.policy.thresholdPercent} % of the lifetime left, at least {overview.policy.minLeadMinutes} min before expiry
        </dd>
        <dt className="font-medium">Last attempt</dt>
        <dd data-testid="last-attempt">{last.at ? `${when(last.at)}: ${last.result}${last.step ? ` at the ${last.step} step` : ""}` : "none yet"}</dd>
        {last.message ? (
          <>
            <dt className="font-medium">Message</dt>
            <dd>{last.message}</dd>
          </>
        ) : null}
      </dl>
      {steps ? (
        <div>
          <h3 className="mb-1 font-medium">
            Last rotation ({steps.trigger}
            {steps.startedAt ? `, ${when(steps.startedAt)}` : ""}):{" "}
            <Link className="text-blue-800 underline" href={runPath(steps.runId)}>
              its run
            </Link>
          </h3>
          <RotationSteps steps={steps.steps} />
          {steps.status === "done" ? (
            <div className="mt-2">
              <DataflowCheckToggle remoteId={remoteId} check={checkDataflows} label="How have its dataflows run since?" />
            </div>
          ) : null}
        </div>
      ) : null}
      {/* Off has nothing to pause; a paused connection reads "paused" whatever its policy, and keeps its Resume. */}
      {canPause && status.kind !== "no_source" && status.kind !== "off" ? <PauseButton remoteId={remoteId} paused={status.kind === "paused"} needsAttention={status.kind === "needs_attention"} pause={pause} resume={resume} /> : null}
      {canEdit ? <PolicyForm remoteId={remoteId} current={overview.own} followed={overview.policy} save={save} /> : null}
    </section>
  );
}
