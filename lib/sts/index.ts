/**
 * STS for credential rotation (server-only, because of assume-role).
 * Browser code imports "@/lib/sts/rotation-source" directly instead.
 */
export {
  DEFAULT_STS_TIMEOUT_MS,
  mintSessionCredentials,
  type MintOptions,
  type MintResult,
  type MintSource,
  type MintedCredentials,
} from "./assume-role";
export { callerFromAccessDenied, describeStsError, isTransientStsFailure, redact, type FailureContext, type StsFailure } from "./errors";
export { stsConfigFromEnv, stsEnvSchema, type StsConfig, type StsEnv } from "./config";
export {
  MAX_DURATION_SECONDS,
  MIN_DURATION_SECONDS,
  ROLE_SESSION_NAME_PATTERN,
  SESSION_NAME_PREFIX,
  defaultSessionName,
  isValidRoleSessionName,
  roleArnProblem,
  rotationSourceSchema,
  type RotationSource,
  type RotationSourceInput,
} from "./rotation-source";
