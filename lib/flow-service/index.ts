/**
 * Public surface of the Flow Service client. Server-only: it holds Adobe credentials.
 * Import from "@/lib/flow-service", never from the individual files.
 */
export { flowServiceConfigFromEnv, flowServiceEnvSchema, type FlowServiceConfig, type FlowServiceEnv } from "./config";
export {
  ACCESS_KEY_PARAM_NAMES,
  ACCESS_KEY_SPEC_NAME,
  IAM_AUTH_TYPE,
  IAM_ROLE_PARAM_NAMES,
  IAM_ROLE_SPEC_NAME,
  S3_CONNECTION_SPEC_ID,
  S3_CONNECTION_SPEC_VERSION,
  SECRET_PARAM_NAMES,
} from "./constants";
export { createFlowServiceClient, type FlowServiceClient, type FlowServiceDeps } from "./client";
export {
  FLOW_SERVICE_ERROR_KINDS,
  FlowServiceError,
  isFlowServiceError,
  isFlowServiceErrorOfKind,
  SAFE_MESSAGES,
  type FieldError,
  type FlowServiceErrorKind,
} from "./errors";
export { createImsTokenProvider, type AccessTokenProvider, type ImsTokenConfig } from "./ims-token";
export { parseRetryAfter, fullJitterDelay, retryDelay, DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry";
export { redactSecrets } from "./redact";
export type { CallEvent, FlowServiceObserver, RetryEvent } from "./observer";
export { redactRunErrorText } from "./redact-run-error";
export {
  MAX_IDS_PER_CALL,
  type DataflowListOptions,
  type FlowSchedule,
  type RemoteFlow,
  type RemoteRun,
  type RemoteSourceConnection,
  type RunError,
  type RunListOptions,
} from "./dataflow-types";
export type {
  AccessKeyAuthInput,
  AuthParamValue,
  AuthSpecInfo,
  CallOptions,
  ConnectionPage,
  ConnectionSpecInfo,
  CreateConnectionInput,
  CreateConnectionResult,
  ExploreItem,
  ExploreTarget,
  IamRoleAuthInput,
  JsonPatchOp,
  ListConnectionsOptions,
  RemoteConnection,
} from "./types";
