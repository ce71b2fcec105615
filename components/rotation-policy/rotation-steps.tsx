import { Badge } from "@/components/ui/badge";
import type { StepRecord } from "@/lib/rotation/steps";
import { STEP_NAMES } from "@/lib/rotation/steps";

const LABELS = { mint: "Mint (STS AssumeRole)", set: "Set (PATCH with If-Match)", test: "Test (Flow Service test and explore)", finish: "Finish (expiry, state, audit)" } as const;

/** The four steps of a rotation: done, failed, or not reached, each with its request ids. */
export function RotationSteps({ steps }: { steps: StepRecord[] }) {
  return (
    <ol className="space-y-1 text-sm" aria-label="Rotation steps" data-testid="rotation-steps">
      {STEP_NAMES.map((name) => {
        const step = steps.find((candidate) => candidate.step === name);
        return (
          <li key={name} className="flex flex-wrap items-baseline gap-2" data-step={name} data-status={step?.status ?? "pending"}>
            <Badge tone={step?.status === "done" ? "good" : step?.status === "failed" ? "bad" : "neutral"}>{step?.status ?? "not reached"}</Badge>
            <span className="font-medium">{LABELS[name]}</span>
            {step ? <span className="text-slate-700">{step.message}</span> : null}
            {step?.requestIds.length ? <span className="font-mono text-xs text-slate-600">{step.requestIds.join(", ")}</span> : null}
          </li>
        );
      })}
    </ol>
  );
}
