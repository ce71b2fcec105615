"use client";

import { useState } from "react";
import { RotateForm, type RotateAction } from "@/components/connections/rotation/rotate-form";
import { RotateNowButton, type MintAction } from "@/components/connections/rotation/rotate-now-button";
import { RotationSourceForm, type SetSourceAction } from "@/components/connections/rotation/rotation-source-form";
import { RotationDataflowCheck, type DataflowsAfterRotationAction } from "@/components/dataflows/rotation-dataflow-check";

type Source = { roleArn: string | null; externalId: string | null; durationSeconds: number | null };

/**
 * The connection page's credentials section: paste a token, or mint one with STS. After a
 * rotation, whether the connection's failing dataflows ran again (and how) shows below.
 */
export function RotationPanel(props: { remoteId: string; name: string; source: Source; canEditSource: boolean; rotate: RotateAction; mint: MintAction; saveSource: SetSourceAction; checkDataflows: DataflowsAfterRotationAction }) {
  // Each rotation remounts the check, so it asks Flow Service again.
  const [rotations, setRotations] = useState(0);
  const rotated = () => setRotations((n) => n + 1);
  return (
    <section aria-labelledby="rotation-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="rotation-heading" className="text-lg font-semibold">
        Session token
      </h2>
      <RotateForm remoteId={props.remoteId} name={props.name} rotate={props.rotate} onRotated={rotated} />
      <div className="border-t border-slate-100 pt-4">
        <h3 className="mb-1 font-medium">Mint with AWS STS</h3>
        {props.source.roleArn ? (
          <p className="mb-2 text-sm text-slate-700">
            The console assumes <code className="font-mono text-xs">{props.source.roleArn}</code> with its own AWS credentials and patches the new key, secret and token with their real expiry.{" "}
            <RotateNowButton remoteId={props.remoteId} name={props.name} mint={props.mint} onRotated={rotated} />
          </p>
        ) : (
          <p className="mb-2 text-sm text-slate-700">Give this connection a rotation source to rotate it in one click.</p>
        )}
        {props.canEditSource ? <RotationSourceForm remoteId={props.remoteId} current={props.source} save={props.saveSource} /> : null}
      </div>
      {rotations > 0 ? <RotationDataflowCheck key={rotations} rotation={rotations} remoteId={props.remoteId} check={props.checkDataflows} onClose={() => setRotations(0)} /> : null}
    </section>
  );
}
