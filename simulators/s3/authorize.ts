/**
 * Permission checks of the S3 test server, modelled on how IAM evaluates the
 * bucket policy this app generates (see lib/connections/bucket-policy.ts).
 */
import type { AllowRule, S3Action } from "./types";

export type S3Operation =
  | "ListBuckets"
  | "HeadBucket"
  | "GetBucketLocation"
  | "ListObjectsV2"
  | "GetObject"
  | "HeadObject"
  | "PutObject";

/** The IAM action each operation is authorized by. */
const ACTION_FOR: Record<Exclude<S3Operation, "ListBuckets" | "GetBucketLocation">, S3Action> = {
  HeadBucket: "s3:ListBucket",
  ListObjectsV2: "s3:ListBucket",
  GetObject: "s3:GetObject",
  HeadObject: "s3:GetObject",
  PutObject: "s3:PutObject",
};

function ruleCovers(rule: AllowRule, action: S3Action, bucket: string): boolean {
  return (rule.action === "s3:*" || rule.action === action) && (rule.bucket === "*" || rule.bucket === bucket);
}

/**
 * - ListObjectsV2: a prefix-scoped rule allows only listings whose `prefix`
 *   parameter starts with the rule's prefix (IAM: StringLike s3:prefix
 *   ["p", "p*"]). A request with no prefix fails such a condition.
 * - HeadBucket: authorized by s3:ListBucket but carries no prefix, so only an
 *   unscoped rule allows it. This is why folder-scoped credentials get 403
 *   on HeadBucket on AWS too, and why the access check does not stop there.
 * - Object operations: the key must start with the rule's prefix.
 * - GetBucketLocation: any rule on the bucket (a simplification).
 */
export function isAllowed(
  rules: readonly AllowRule[],
  operation: S3Operation,
  bucket: string,
  target: { prefix?: string; key?: string } = {},
): boolean {
  if (operation === "ListBuckets") return true;
  if (operation === "GetBucketLocation") return rules.some((r) => r.bucket === "*" || r.bucket === bucket);
  const action = ACTION_FOR[operation];
  return rules.some((rule) => {
    if (!ruleCovers(rule, action, bucket)) return false;
    if (rule.prefix === undefined || rule.prefix === "") return true;
    if (operation === "HeadBucket") return false;
    const subject = operation === "ListObjectsV2" ? target.prefix : target.key;
    return subject !== undefined && subject !== "" && subject.startsWith(rule.prefix);
  });
}

/** Buckets an account can see in ListBuckets: those it has any rule on. */
export function visibleBuckets(rules: readonly AllowRule[], all: string[]): string[] {
  return rules.some((r) => r.bucket === "*") ? all : all.filter((b) => rules.some((r) => r.bucket === b));
}
