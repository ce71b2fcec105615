/**
 * Server entry of lib/s3, the only code in the app that talks to S3.
 * Client components must import "@/lib/s3/rules" instead.
 */
export { checkBucketAccess } from "./check-bucket";
export { listFolder, type ListFolderResult, type ListFolderTarget } from "./list-folder";
export { describeFailure, redact, bucketArn } from "./failures";
export { inspectS3Error, type S3ErrorInfo } from "./sdk-errors";
export { resolveTarget, type ResolvedTarget } from "./client";
export type {
  CheckBucketInput,
  CheckBucketOptions,
  CheckBucketResult,
  S3Credentials,
  S3Failure,
  S3FailureCode,
  S3OperationName,
} from "./types";
export * from "./rules";
