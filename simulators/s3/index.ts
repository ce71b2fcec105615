/** Public entry of the local S3 test server. */
export { startS3TestServer } from "./server";
export type {
  AllowRule,
  S3Account,
  S3Action,
  S3BucketInput,
  S3ObjectInput,
  S3ServerOptions,
  S3TestServer,
  StoredObject,
} from "./types";
export * from "./demo";
