/** Public entry of the local STS simulator. */
export { startStsSimulator } from "./server";
export { registerWithS3, DEMO_ROLE_ALLOW, type S3BridgeOptions } from "./s3-bridge";
export { readIssued, rememberIssued, type IssuedFileOptions } from "./issued-file";
export { StsError, STS_XMLNS } from "./xml";
export type { IssuedCredentials, StsCaller, StsRole, StsSimulator, StsSimulatorOptions } from "./types";
export * from "./demo";
