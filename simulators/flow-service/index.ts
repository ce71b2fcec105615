/** Public entry of the local Flow Service simulator (tests, `npm run simulator`). */
export { startFlowServiceSimulator, SIMULATOR_DEFAULTS, type FlowServiceSimulator } from "./start";
export { BASE_PATH } from "./server";
export { IMS_TOKEN_PATH } from "./ims";
export { CONTROL_PREFIX, type SimulatorControl } from "./control";
export { MAX_SEED } from "./seed";
export type {
  FaultKind,
  FaultSpec,
  FlowServiceSimulatorOptions,
  RequestLogEntry,
  S3Adapter,
  S3Credentials,
  S3ListResult,
  S3ListTarget,
  StoredConnection,
} from "./types";
