/**
 * Bucket policy for IAM-role connections (pure, browser-safe).
 *
 * Experience Platform on AWS reads the bucket through an Adobe IAM role. The
 * user pastes this policy into the bucket's Permissions tab. It grants the
 * least the S3 source needs: list the folder, read the objects in it.
 */
import { validateBucketName } from "@/lib/s3/bucket-name";
import { normalizeFolderPath } from "@/lib/s3/folder-path";

export type BucketPolicyInput = { iamRoleArn: string; bucket: string; folderPath?: string };

export type BucketPolicyStatement = {
  Sid: string;
  Effect: "Allow";
  Principal: { AWS: string };
  Action: "s3:ListBucket" | "s3:GetObject";
  Resource: string;
  Condition?: { StringLike: { "s3:prefix": string[] } };
};

export type BucketPolicy = { Version: "2012-10-17"; Statement: BucketPolicyStatement[] };

export type BucketPolicyField = "iamRoleArn" | "bucket" | "folderPath";

/** Thrown for unusable input; `problems` names each bad field. */
export class BucketPolicyInputError extends Error {
  readonly problems: { field: BucketPolicyField; message: string }[];
  constructor(problems: { field: BucketPolicyField; message: string }[]) {
    super(problems.map((p) => p.message).join(" "));
    this.name = "BucketPolicyInputError";
    this.problems = problems;
  }
}

/**
 * arn:<partition>:iam::<12-digit account>:role/<optional path/><name>; role
 * names are 1–64 characters of letters, digits and + = , . @ _ -.
 */
export const IAM_ROLE_ARN_PATTERN = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/((?:[\w+=,.@-]+\/)*)([\w+=,.@-]{1,64})$/;

/** Stable statement ids (letters and digits only, valid in every policy type). */
export const POLICY_SIDS = {
  listFolder: "AepListFolder",
  listBucket: "AepListBucket",
  readObjects: "AepReadObjects",
} as const;

/** Where this policy is stricter than the template in Adobe's documentation, and why. */
export const BUCKET_POLICY_NOTES: readonly string[] = [
  "Reads objects, not the folder: it grants s3:GetObject on arn:aws:s3:::BUCKET/FOLDER/*. Adobe's template grants s3:Get* on arn:aws:s3:::BUCKET/FOLDER, which names the folder itself rather than the files in it, so reading the files would be denied.",
  "Only s3:GetObject: s3:Get* would also expose object ACLs, tags, legal holds and other metadata the source never needs.",
  "Lists only the folder: s3:ListBucket is limited by an s3:prefix condition to FOLDER/ and FOLDER/*, while the template lets the role list every key in the bucket. Without a folder, the whole bucket is listed and read, which is what such a connection needs.",
  "The bare prefix FOLDER (no slash) is deliberately not allowed: a listing with it would also reveal sibling folders such as FOLDER-old/.",
  "A folder-scoped policy makes HeadBucket and root listings fail, since they carry no prefix: browse the connection from its folder.",
  "Objects encrypted with SSE-KMS also need kms:Decrypt for this role in the KMS key policy; a bucket policy cannot grant that.",
];

export function buildBucketPolicy(input: BucketPolicyInput): BucketPolicy {
  const problems: { field: BucketPolicyField; message: string }[] = [];
  const roleArn = typeof input.iamRoleArn === "string" ? input.iamRoleArn.trim() : "";
  const role = IAM_ROLE_ARN_PATTERN.exec(roleArn);
  if (!role) {
    problems.push({
      field: "iamRoleArn",
      message: `The IAM role must be a role ARN like arn:aws:iam::123456789012:role/name (got "${roleArn}").`,
    });
  }
  const name = validateBucketName(input.bucket);
  if (!name.ok) problems.push(...name.problems.map((p) => ({ field: "bucket" as const, message: p.message })));
  const folder = normalizeFolderPath(input.folderPath ?? "");
  if (!folder.ok) problems.push(...folder.problems.map((p) => ({ field: "folderPath" as const, message: p.message })));
  if (problems.length > 0 || !role || !folder.ok) throw new BucketPolicyInputError(problems);

  // The bucket lives in the role's partition: cross-partition access is impossible anyway.
  const bucketArn = `arn:${role[1]}:s3:::${input.bucket}`;
  const principal = { AWS: roleArn };
  const { prefix } = folder;

  const list: BucketPolicyStatement = {
    Sid: prefix ? POLICY_SIDS.listFolder : POLICY_SIDS.listBucket,
    Effect: "Allow",
    Principal: principal,
    Action: "s3:ListBucket",
    Resource: bucketArn,
    ...(prefix ? { Condition: { StringLike: { "s3:prefix": [prefix, `${prefix}*`] } } } : {}),
  };
  const read: BucketPolicyStatement = {
    Sid: POLICY_SIDS.readObjects,
    Effect: "Allow",
    Principal: principal,
    Action: "s3:GetObject",
    Resource: `${bucketArn}/${prefix}*`,
  };
  return { Version: "2012-10-17", Statement: [list, read] };
}

/** Pretty JSON, ready to paste into the S3 console's bucket policy editor. */
export function formatBucketPolicy(policy: BucketPolicy): string {
  return JSON.stringify(policy, null, 2);
}
