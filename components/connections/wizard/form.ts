// The wizard is one react-hook-form form over every field; each step validates with its own slice
// of the shared schemas (step-schemas.ts), and the review step with the full schema that the
// server action uses too. The schemas, and zod with them, load on the first validation: the
// page's first load only needs the platform step.
import { lazyResolver } from "@/components/forms/lazy-resolver";
import type { NewConnectionInput, Platform } from "@/lib/connections/schemas";

export type WizardValues = {
  platform: Platform | "";
  submissionId: string;
  bucketName: string;
  folderPath: string;
  s3AccessKey: string;
  s3SecretKey: string;
  s3SessionToken: string;
  sessionTokenExpiresAt: string;
  serviceUrl: string;
  name: string;
  description: string;
};

export type WizardStep = "platform" | "bucket" | "access" | "review";

export const STEP_TITLES: Record<WizardStep, string> = {
  platform: "Platform",
  bucket: "Bucket",
  access: "Grant access",
  review: "Review and create",
};

export function stepsFor(platform: WizardValues["platform"]): WizardStep[] {
  return platform === "aws" ? ["platform", "bucket", "access", "review"] : ["platform", "bucket", "review"];
}

export type WizardContext = { step: WizardStep };

/** Checks only the current step's fields; the step schemas load with the first check. */
export const wizardValidation = lazyResolver<WizardValues, WizardContext>(async () => {
  const { resolverFor } = await import("./step-schemas");
  return (values, context, options) => resolverFor(context?.step ?? "platform", values.platform)(values, context, options);
});

export function emptyWizardValues(submissionId: string): WizardValues {
  return {
    platform: "",
    submissionId,
    bucketName: "",
    folderPath: "",
    s3AccessKey: "",
    s3SecretKey: "",
    s3SessionToken: "",
    sessionTokenExpiresAt: "",
    serviceUrl: "",
    name: "",
    description: "",
  };
}

/** What the create action receives: AWS connections never carry access-key fields. */
export function toPayload(values: WizardValues): NewConnectionInput {
  const common = { submissionId: values.submissionId, bucketName: values.bucketName, folderPath: values.folderPath, name: values.name, description: values.description };
  if (values.platform === "aws") return { platform: "aws", ...common };
  return {
    platform: "azure",
    ...common,
    s3AccessKey: values.s3AccessKey,
    s3SecretKey: values.s3SecretKey,
    s3SessionToken: values.s3SessionToken,
    sessionTokenExpiresAt: values.sessionTokenExpiresAt,
    serviceUrl: values.serviceUrl,
  };
}
