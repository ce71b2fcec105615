/**
 * Browser-safe entry of lib/s3: pure input helpers only. Nothing reachable
 * from here imports the AWS SDK or Node modules, so client components can
 * validate as the user types. (A unit test checks that.)
 */
export {
  BUCKET_NAME_MAX_LENGTH,
  BUCKET_NAME_MIN_LENGTH,
  RESERVED_BUCKET_PREFIXES,
  RESERVED_BUCKET_SUFFIXES,
  bucketNameError,
  validateBucketName,
  type BucketNameProblem,
  type BucketNameResult,
} from "./bucket-name";
export { MAX_FOLDER_PREFIX_BYTES, folderPrefix, normalizeFolderPath, type FolderPathResult } from "./folder-path";
export { parseBucketLocation, type BucketLocation, type LocationForm, type ParseLocationResult } from "./parse-location";
export { classifyServiceUrl, isLoopbackHost, type ServiceUrlResult } from "./service-url";
export { KNOWN_AWS_REGIONS, awsRegionalEndpoint, isRegionCode, parseAwsS3Host, partitionForRegion } from "./aws-hosts";
