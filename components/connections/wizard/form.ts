// The wizard is one react-hook-form form over every field; each step validates with its own slice
// of the shared schemas (lib/connections/schemas.ts), and the review step with the full schema
// that the server action uses too.
import { zodResolver } from "@hookform/resolvers/zod";
import type { Resolver } from "react-hook-form";
import { z } from "zod";
import {
  bucketCheckSchema,
  bucketLocationSchema,
  newConnectionSchema,
  PLATFORMS,
  type NewConnectionInput,
  type Platform,
} from "@/lib/connections/schemas";

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

const platformSchema = z.object({
  platform: z.enum(PLATFORMS, { message: "Choose where your Experience Platform runs." }),
});

function schemaFor(step: WizardStep, platform: WizardValues["platform"]): z.ZodType {
  switch (step) {
    case "platform":
      return platformSchema;
    case "bucket":
      return platform === "azure" ? bucketCheckSchema : bucketLocationSchema;
    case "access":
      return z.object({});
    case "review":
      return newConnectionSchema;
  }
}

export type WizardContext = { step: WizardStep };

export const wizardResolver: Resolver<WizardValues, WizardContext> = (values, context, options) =>
  (zodResolver(schemaFor(context?.step ?? "platform", values.platform) as never) as unknown as Resolver<WizardValues, WizardContext>)(values, context, options);

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
