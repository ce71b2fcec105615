"use client";

import { useFormContext } from "react-hook-form";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { WizardValues } from "./form";

/** Name, description and a summary without secrets (the secret fields are only said to be set). */
export function StepReview() {
  const { register, watch, formState } = useFormContext<WizardValues>();
  const { errors } = formState;
  const v = watch();
  const rows: [string, string][] = [
    ["Experience Platform", v.platform === "aws" ? "AEP on AWS (IAM role)" : "AEP on Azure (access key)"],
    ["Bucket", v.bucketName],
    ["Folder", v.folderPath || "(whole bucket)"],
  ];
  if (v.platform === "azure") {
    rows.push(["Access key id", v.s3AccessKey], ["Secret access key", v.s3SecretKey ? "set (hidden)" : "—"], ["Session token", v.s3SessionToken ? "set (hidden)" : "none"]);
    if (v.sessionTokenExpiresAt) rows.push(["Token expires (UTC)", v.sessionTokenExpiresAt.replace("T", " ")]);
    rows.push(["Service URL", v.serviceUrl || "default"]);
  }
  return (
    <div className="space-y-5">
      <h2 className="text-base font-semibold">Review and create</h2>
      <Field id="name" label="Connection name" hint="Unique within the sandbox." error={errors.name?.message}>
        <Input {...fieldAria("name", errors.name?.message, true)} {...register("name")} />
      </Field>
      <Field id="description" label="Description (optional)" error={errors.description?.message}>
        <Input {...fieldAria("description", errors.description?.message)} {...register("description")} />
      </Field>
      <dl className="grid grid-cols-[11rem_1fr] gap-x-4 gap-y-1 rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="review-summary">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-medium text-slate-700">{label}</dt>
            <dd className="break-all font-mono text-xs leading-5">{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
