"use client";

import { validateBucketName } from "@/lib/s3/bucket-name";

/** Every failed naming rule of the typed bucket name, in words, as the user types. */
export function BucketRules({ name }: { name: string }) {
  if (!name) return null;
  const result = validateBucketName(name.trim());
  if (result.ok) {
    return (
      <p className="text-xs text-green-800" data-testid="bucket-rules-ok">
        ✓ The name follows every bucket naming rule.
      </p>
    );
  }
  return (
    <ul className="list-inside list-disc space-y-0.5 text-xs text-red-800" aria-label="Bucket naming problems" data-testid="bucket-rules">
      {result.problems.map((problem) => (
        <li key={problem.rule}>{problem.message}</li>
      ))}
    </ul>
  );
}
