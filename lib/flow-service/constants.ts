/**
 * Fixed identifiers of the Amazon S3 source in Adobe Experience Platform.
 * Source: Adobe's guide "Connect Amazon S3 to Experience Platform using the Flow Service API".
 */

export const S3_CONNECTION_SPEC_ID = "ecadc60c-7455-4d87-84dc-2a0e293d997b";
export const S3_CONNECTION_SPEC_VERSION = "1.0";

/** Auth spec used by Experience Platform on Azure (static keys, optional STS session token). */
export const ACCESS_KEY_SPEC_NAME = "Access Key";
/** Auth spec used by Experience Platform on AWS (AEP assumes its own IAM role). */
export const IAM_ROLE_SPEC_NAME = "IAMRole Based";

/** The `authType` query value that returns AEP's IAM role (see the source document). */
export const IAM_AUTH_TYPE = "IamBasedAuthentication";

/**
 * Auth params that are secrets. They are never kept in a parsed connection, even if a
 * server were to echo them; only their names survive (in `secretParams`).
 */
export const SECRET_PARAM_NAMES: readonly string[] = ["s3SecretKey", "s3SessionToken"];

/** Known auth params per auth spec, as listed in the source document's credential table. */
export const ACCESS_KEY_PARAM_NAMES = [
  "s3AccessKey",
  "s3SecretKey",
  "s3SessionToken",
  "serviceUrl",
  "bucketName",
  "folderPath",
] as const;
export const IAM_ROLE_PARAM_NAMES = ["bucketName", "folderPath"] as const;
