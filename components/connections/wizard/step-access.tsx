"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormContext } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { DownloadButton } from "@/components/ui/download-button";
import { withQueryScope } from "@/components/ui/query-scope";
import { BUCKET_POLICY_NOTES, buildBucketPolicy, formatBucketPolicy } from "@/lib/connections/bucket-policy";
import type { ActionResult } from "@/lib/actions/result";
import type { WizardValues } from "./form";

export const StepAccess = withQueryScope(function StepAccess({ fetchIamRole }: { fetchIamRole: () => Promise<ActionResult<{ iamRole: string }>> }) {
  const { watch } = useFormContext<WizardValues>();
  const bucket = watch("bucketName");
  const folderPath = watch("folderPath");
  // The role is not a secret and does not change per connection: caching it is fine.
  const role = useQuery({ queryKey: ["aep-iam-role"], queryFn: fetchIamRole, staleTime: 10 * 60_000 });

  if (role.isPending) return <p role="status">Fetching Experience Platform&apos;s IAM role from Flow Service…</p>;
  const result = role.data;
  if (!result?.ok) {
    return (
      <Alert tone="error" title="Could not fetch AEP's IAM role">
        <p>{result?.error.message ?? "Flow Service did not answer."}</p>
        <Button variant="secondary" className="mt-2" onClick={() => role.refetch()}>
          Try again
        </Button>
      </Alert>
    );
  }
  const policyText = formatBucketPolicy(buildBucketPolicy({ iamRoleArn: result.data.iamRole, bucket: bucket.trim(), folderPath }));
  return (
    <div className="space-y-4">
      <h2 className="text-base font-semibold">Let Experience Platform read your bucket</h2>
      <p className="text-sm">
        AEP&apos;s IAM role in this organisation is <code className="rounded bg-slate-100 px-1 font-mono text-xs" data-testid="iam-role">{result.data.iamRole}</code>.
      </p>
      <ol className="list-inside list-decimal space-y-1 text-sm text-slate-700">
        <li>Open the AWS Management Console, go to S3 and select the bucket <strong>{bucket}</strong>.</li>
        <li>Open the <strong>Permissions</strong> tab and choose <strong>Edit</strong> under Bucket policy.</li>
        <li>Paste the policy below (merge its statements if the bucket already has a policy) and save.</li>
      </ol>
      <div className="flex gap-2">
        <CopyButton text={policyText} label="Copy policy" />
        <DownloadButton text={policyText} filename={`${bucket}-aep-bucket-policy.json`} label="Download policy" />
      </div>
      <pre className="max-h-96 overflow-auto rounded-lg bg-slate-900 p-4 text-xs text-slate-100" data-testid="bucket-policy" tabIndex={0} aria-label="Bucket policy JSON">
        {policyText}
      </pre>
      <div className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <p className="font-semibold">Why this policy is stricter than Adobe&apos;s template</p>
        <ul className="mt-2 list-inside list-disc space-y-1 text-slate-700">
          {BUCKET_POLICY_NOTES.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      </div>
    </div>
  );
});
