"use client";

import { useState } from "react";
import { useFormContext } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SecretInput } from "@/components/ui/secret-input";
import { parseBucketLocation } from "@/lib/s3/parse-location";
import { classifyServiceUrl } from "@/lib/s3/service-url";
import { BucketCheckResult, type BucketCheckView } from "./bucket-check-result";
import { BucketRules } from "./bucket-rules";
import type { WizardValues } from "./form";

const FORM_NAMES = { "s3-uri": "an s3:// URI", arn: "a bucket ARN", "virtual-hosted": "a virtual-hosted S3 URL", "path-style": "a path-style S3 URL", console: "an S3 console URL", plain: "bucket/folder" } as const;

export function StepBucket({ check, onCheck }: { check: BucketCheckView; onCheck: () => void }) {
  const { register, watch, setValue, formState } = useFormContext<WizardValues>();
  const { errors } = formState;
  const [recognised, setRecognised] = useState<string>();
  const platform = watch("platform");
  const bucketName = watch("bucketName");
  const serviceUrl = watch("serviceUrl");
  const serviceUrlInfo = platform === "azure" ? classifyServiceUrl(serviceUrl) : undefined;

  // A pasted s3://bucket/folder, ARN or URL is split into bucket and folder for the user.
  const splitLocation = (raw: string) => {
    if (!/[/:]/.test(raw)) return;
    const parsed = parseBucketLocation(raw);
    if (!parsed.ok) return;
    setValue("bucketName", parsed.bucket, { shouldValidate: true });
    setValue("folderPath", parsed.folderPath, { shouldValidate: true });
    if (parsed.region && platform === "azure" && !serviceUrl) setValue("serviceUrl", `https://s3.${parsed.region}.amazonaws.com`);
    setRecognised(`Recognised ${FORM_NAMES[parsed.form]}: bucket “${parsed.bucket}”${parsed.folderPath ? `, folder “${parsed.folderPath}”` : ", bucket root"}${parsed.region ? `, region ${parsed.region}` : ""}.`);
  };

  const bucketField = register("bucketName");
  return (
    <div className="space-y-5">
      <h2 className="text-base font-semibold">Which bucket and folder should AEP read?</h2>
      <Field id="bucketName" label="Bucket name" hint="3–63 lowercase letters, digits and hyphens. You can paste an s3:// URI, a bucket ARN or an S3 URL." error={errors.bucketName?.message}>
        <Input
          {...fieldAria("bucketName", errors.bucketName?.message, true)}
          {...bucketField}
          autoComplete="off"
          spellCheck={false}
          onBlur={(event) => {
            splitLocation(event.target.value.trim());
            return bucketField.onBlur(event);
          }}
        />
      </Field>
      <BucketRules name={bucketName} />
      {recognised ? (
        <p role="status" className="text-xs text-blue-900">
          {recognised}
        </p>
      ) : null}
      <Field id="folderPath" label="Folder path (optional)" hint="The folder AEP may read, like exports/2026. Leave empty for the whole bucket." error={errors.folderPath?.message}>
        <Input {...fieldAria("folderPath", errors.folderPath?.message, true)} {...register("folderPath")} autoComplete="off" spellCheck={false} />
      </Field>

      {platform === "azure" ? (
        <fieldset className="space-y-4 rounded-lg border border-slate-200 p-4">
          <legend className="px-1 text-sm font-semibold">Credentials AEP will use</legend>
          <Field id="s3AccessKey" label="Access key id" error={errors.s3AccessKey?.message}>
            <Input {...fieldAria("s3AccessKey", errors.s3AccessKey?.message)} {...register("s3AccessKey")} autoComplete="off" spellCheck={false} />
          </Field>
          <Field id="s3SecretKey" label="Secret access key" error={errors.s3SecretKey?.message}>
            <SecretInput label="secret access key" {...fieldAria("s3SecretKey", errors.s3SecretKey?.message)} {...register("s3SecretKey")} />
          </Field>
          <Field id="s3SessionToken" label="Session token (optional)" hint="Only for temporary credentials (key ids starting with ASIA)." error={errors.s3SessionToken?.message}>
            <SecretInput label="session token" {...fieldAria("s3SessionToken", errors.s3SessionToken?.message, true)} {...register("s3SessionToken")} />
          </Field>
          <Field id="sessionTokenExpiresAt" label="Session token expiry, UTC (optional)" hint="Lets the inventory warn before the token expires." error={errors.sessionTokenExpiresAt?.message}>
            <Input type="datetime-local" {...fieldAria("sessionTokenExpiresAt", errors.sessionTokenExpiresAt?.message, true)} {...register("sessionTokenExpiresAt")} />
          </Field>
          <Field id="serviceUrl" label="Service URL (optional)" hint="Needed when the bucket is region-specific: https://s3.<region>.amazonaws.com" error={errors.serviceUrl?.message}>
            <Input {...fieldAria("serviceUrl", errors.serviceUrl?.message, true)} {...register("serviceUrl")} autoComplete="off" spellCheck={false} placeholder="https://s3.eu-west-1.amazonaws.com" />
          </Field>
          {serviceUrlInfo?.ok && serviceUrlInfo.warnings.length ? (
            <ul className="space-y-1 text-xs text-amber-900" data-testid="service-url-warnings">
              {serviceUrlInfo.warnings.map((warning) => (
                <li key={warning}>⚠ {warning}</li>
              ))}
            </ul>
          ) : null}
          <div className="flex items-center gap-3">
            <Button variant="secondary" onClick={onCheck} disabled={check.state === "checking"}>
              Check bucket access
            </Button>
            <span className="text-xs text-slate-600">Runs HeadBucket and ListObjectsV2 with these credentials. Next runs it too.</span>
          </div>
          <BucketCheckResult view={check} />
        </fieldset>
      ) : (
        <p className="text-sm text-slate-600">AEP on AWS reads the bucket with its own role, so the console checks the name and folder here and you grant access in the next step.</p>
      )}
    </div>
  );
}
