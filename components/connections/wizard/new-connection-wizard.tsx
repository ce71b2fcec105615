"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { FormProvider, useForm, useWatch } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/result";
import type { BucketCheckInput, NewConnectionInput } from "@/lib/connections/schemas";
import { defaultConnectionName } from "@/lib/connections/default-name";
import { connectionPath } from "@/lib/paths";
import type { BucketCheckView } from "./bucket-check-result";
import { emptyWizardValues, STEP_TITLES, stepsFor, toPayload, wizardValidation, type WizardContext, type WizardStep, type WizardValues } from "./form";
import { StepPlatform } from "./step-platform";

// The first step is all a visitor sees at first; the others (and the S3 rules, the bucket policy
// and the query client they bring) load when the wizard gets to them. "Next" loads the coming
// step's code before showing it, in the same render as the step change, so the focus moved to
// the new step lands on its fields rather than on a placeholder.
type LaterSteps = {
  bucket: typeof import("./step-bucket").StepBucket;
  access: typeof import("./step-access").StepAccess;
  review: typeof import("./step-review").StepReview;
};
const STEP_CODE: { [K in keyof LaterSteps]: () => Promise<LaterSteps[K]> } = {
  bucket: () => import("./step-bucket").then((m) => m.StepBucket),
  access: () => import("./step-access").then((m) => m.StepAccess),
  review: () => import("./step-review").then((m) => m.StepReview),
};

export type BucketCheckData = { region: string; endpoint: string; sample: string[]; notes: string[] };
export type BucketCheckFailure = { operation: string; message: string; fix: string; blocking: boolean; field?: "serviceUrl" };

export type WizardActions = {
  checkBucket: (input: BucketCheckInput) => Promise<ActionResult<{ passed: true; result: BucketCheckData } | { passed: false; failure: BucketCheckFailure }>>;
  fetchIamRole: () => Promise<ActionResult<{ iamRole: string }>>;
  createConnection: (input: NewConnectionInput) => Promise<ActionResult<{ remoteId: string; etag: string; name: string }>>;
};

/** Fields each step owns: a server error on a field sends the user back to that step. */
const FIELD_STEP: Record<string, WizardStep> = {
  bucketName: "bucket", folderPath: "bucket", s3AccessKey: "bucket", s3SecretKey: "bucket", s3SessionToken: "bucket", sessionTokenExpiresAt: "bucket", serviceUrl: "bucket", name: "review", description: "review",
};

const CHECKED_FIELDS = ["bucketName", "folderPath", "s3AccessKey", "s3SecretKey", "s3SessionToken", "serviceUrl"] as const;

export function NewConnectionWizard({ submissionId, actions }: { submissionId: string; actions: WizardActions }) {
  const router = useRouter();
  const [step, setStep] = useState<WizardStep>("platform");
  const [check, setCheck] = useState<BucketCheckView>({ state: "idle" });
  const [checkedSignature, setCheckedSignature] = useState<string>();
  const [submitError, setSubmitError] = useState<string>();
  const [loaded, setLoaded] = useState<Partial<LaterSteps>>({});
  const stepRegion = useRef<HTMLDivElement>(null);
  const firstRender = useRef(true);
  // Keyboard and screen-reader users land on the new step, not on a button that moved.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    stepRegion.current?.focus();
  }, [step]);
  const form = useForm<WizardValues, WizardContext>({ defaultValues: emptyWizardValues(submissionId), resolver: wizardValidation.resolver, context: { step }, mode: "onTouched" });
  const platform = useWatch({ control: form.control, name: "platform" });
  // Choosing a platform is the first use: validation starts loading then, not at "Continue".
  useEffect(() => {
    if (platform) wizardValidation.preload();
  }, [platform]);
  const steps = stepsFor(platform);
  const index = steps.indexOf(step);
  const watched = useWatch({ control: form.control, name: CHECKED_FIELDS });
  const signature = useMemo(() => JSON.stringify(watched), [watched]);
  const checkView: BucketCheckView = checkedSignature === signature ? check : check.state === "checking" ? check : { state: "idle" };

  async function runCheck(): Promise<boolean | "soft-fail"> {
    if (!(await form.trigger())) return false;
    setCheck({ state: "checking" });
    const values = form.getValues();
    const result = await actions.checkBucket(toPayload(values) as BucketCheckInput);
    setCheckedSignature(signature);
    if (!result.ok) {
      setCheck({ state: "failed", message: result.error.message, blocking: false });
      return "soft-fail";
    }
    if (result.data.passed) {
      setCheck({ state: "passed", ...result.data.result });
      return true;
    }
    const { failure } = result.data;
    setCheck({ state: "failed", ...failure });
    // A refused service URL is the field's problem: say so on the field itself.
    if (failure.field) form.setError(failure.field, { type: "server", message: failure.message }, { shouldFocus: true });
    return failure.blocking ? false : "soft-fail";
  }

  async function next(options: { skipCheck?: boolean } = {}) {
    setSubmitError(undefined);
    if (!(await form.trigger())) return;
    if (step === "bucket" && platform === "azure" && !options.skipCheck && !(checkView.state === "passed")) {
      const passed = await runCheck();
      if (passed !== true) return;
    }
    const target = steps[index + 1];
    if (!target) return;
    try {
      if (target !== "platform" && !loaded[target]) {
        const view = await STEP_CODE[target]();
        setLoaded((current) => ({ ...current, [target]: view }));
      }
    } catch {
      setSubmitError("The next step could not be loaded. Check the network connection, then choose Next again.");
      return;
    }
    if (target === "review" && !form.getValues("name")) {
      form.setValue("name", defaultConnectionName(form.getValues("bucketName").trim(), form.getValues("folderPath").trim().replace(/^\/+|\/+$/g, "")));
    }
    setStep(target);
  }

  const submit = form.handleSubmit(async () => {
    setSubmitError(undefined);
    const result = await actions.createConnection(toPayload(form.getValues()));
    if (result.ok) {
      router.push(`${connectionPath(result.data.remoteId)}?created=1`);
      return;
    }
    const fields = Object.entries(result.error.fields ?? {});
    for (const [field, message] of fields) {
      if (field in FIELD_STEP) form.setError(field as keyof WizardValues, { type: "server", message });
    }
    const owner = fields.map(([field]) => FIELD_STEP[field]).find(Boolean);
    if (owner && owner !== "review") setStep(owner);
    setSubmitError(`${result.error.message}${result.error.requestId ? ` (request ${result.error.requestId})` : ""}`);
  });

  const { bucket: StepBucket, access: StepAccess, review: StepReview } = loaded;
  const body = {
    platform: <StepPlatform />,
    bucket: StepBucket ? <StepBucket check={checkView} onCheck={() => void runCheck()} /> : null,
    access: StepAccess ? <StepAccess fetchIamRole={actions.fetchIamRole} /> : null,
    review: StepReview ? <StepReview /> : null,
  }[step];

  return (
    <FormProvider {...form}>
      <nav aria-label="Wizard steps" className="mb-6">
        <ol className="flex flex-wrap gap-2 text-sm">
          {steps.map((s, i) => (
            <li key={s} aria-current={s === step ? "step" : undefined} className={`rounded-full px-3 py-1 ${s === step ? "bg-blue-700 text-white" : i < index ? "bg-blue-100 text-blue-900" : "bg-slate-200 text-slate-700"}`}>
              {i + 1}. {STEP_TITLES[s]}
            </li>
          ))}
        </ol>
      </nav>
      <form
        noValidate
        aria-label="New connection"
        className="max-w-3xl space-y-6"
        onSubmit={(event) => {
          event.preventDefault();
          if (step === "review") void submit(event);
          else void next();
        }}
      >
        <div ref={stepRegion} tabIndex={-1} aria-label={`Step ${index + 1}: ${STEP_TITLES[step]}`} className="outline-none">
          {body}
        </div>
        {submitError ? (
          <Alert tone="error" title="The connection was not created">
            {submitError}
          </Alert>
        ) : null}
        <div className="flex gap-3 border-t border-slate-200 pt-4">
          {index > 0 ? (
            <Button variant="secondary" onClick={() => setStep(steps[index - 1]!)} disabled={form.formState.isSubmitting || check.state === "checking"}>
              Back
            </Button>
          ) : null}
          {step === "review" ? (
            <Button type="submit" disabled={form.formState.isSubmitting}>
              {form.formState.isSubmitting ? "Creating…" : "Create connection"}
            </Button>
          ) : (
            <Button type="submit" disabled={check.state === "checking"}>
              Next
            </Button>
          )}
          {step === "bucket" && checkView.state === "failed" && !checkView.blocking ? (
            <Button variant="ghost" onClick={() => void next({ skipCheck: true })}>
              Continue without the check
            </Button>
          ) : null}
        </div>
      </form>
    </FormProvider>
  );
}
