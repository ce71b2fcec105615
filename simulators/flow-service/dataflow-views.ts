/**
 * What the API shows of source connections, flows and runs: the members of the OpenAPI file's
 * SourceConnectionItemDTO, FlowItemDTO and FlowRunItemDTO, shaped like Adobe's examples (the
 * run monitoring guide and the flow-run alert payloads). Failed runs carry the error AEP
 * reports when the source cannot be read (aep-errors.ts).
 */
import { copyFailure, missingConnectionFailure, type RunFailure } from "./aep-errors";
import { CLOUD_STORAGE_FLOW_SPEC_ID, DATA_LAKE_TARGET_SPEC_ID, S3_SPEC_ID, S3_SPEC_VERSION, type RunRecord, type StoredFlow, type StoredSourceConnection } from "./dataflow-model";
import { sandboxIdOf } from "./view";

/** The service identity AEP's runs are written by. */
const RUN_WRITER = "acp_foundation_connectors";

function tenant(orgId: string, sandbox: string) {
  return { sandboxId: sandboxIdOf(orgId, sandbox), sandboxName: sandbox, imsOrgId: orgId };
}

function audit(item: { createdAt: number; updatedAt: number; createdBy: string; updatedBy: string; createdClient: string; updatedClient: string }) {
  return { createdAt: item.createdAt, updatedAt: item.updatedAt, createdBy: item.createdBy, updatedBy: item.updatedBy, createdClient: item.createdClient, updatedClient: item.updatedClient };
}

export function sourceConnectionView(source: StoredSourceConnection, orgId: string): Record<string, unknown> {
  return {
    id: source.id,
    ...audit(source),
    ...tenant(orgId, source.sandboxName),
    name: source.name,
    ...(source.description === undefined ? {} : { description: source.description }),
    baseConnectionId: source.baseConnectionId,
    state: "enabled",
    data: { format: source.format },
    connectionSpec: { id: S3_SPEC_ID, version: S3_SPEC_VERSION },
    params: { path: source.path, recursive: false },
    version: source.etag,
    etag: source.etag,
    inheritedAttributes: { baseConnection: { id: source.baseConnectionId, connectionSpec: { id: S3_SPEC_ID, version: S3_SPEC_VERSION } } },
  };
}

export function flowView(flow: StoredFlow, source: StoredSourceConnection | undefined, last: RunRecord | undefined, orgId: string): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: flow.id,
    ...audit(flow),
    ...tenant(orgId, flow.sandboxName),
    name: flow.name,
    ...(flow.description === undefined ? {} : { description: flow.description }),
    flowSpec: { id: CLOUD_STORAGE_FLOW_SPEC_ID, version: "1.0" },
    state: flow.state,
    version: flow.etag,
    etag: flow.etag,
    sourceConnectionIds: [flow.sourceConnectionId],
    targetConnectionIds: [flow.targetConnectionId],
    inheritedAttributes: {
      sourceConnections: [
        {
          id: flow.sourceConnectionId,
          connectionSpec: { id: S3_SPEC_ID, version: S3_SPEC_VERSION },
          ...(source ? { baseConnection: { id: source.baseConnectionId, connectionSpec: { id: S3_SPEC_ID, version: S3_SPEC_VERSION } } } : {}),
        },
      ],
      targetConnections: [{ id: flow.targetConnectionId, connectionSpec: { id: DATA_LAKE_TARGET_SPEC_ID, version: "1.0" } }],
    },
    // The OpenAPI file types startTime as an integer and interval as a string.
    scheduleParams: { startTime: flow.schedule.startTime, frequency: flow.schedule.frequency, interval: String(flow.schedule.interval), backfill: true },
    transformations: [{ name: "Mapping", params: { mappingId: flow.mappingId, mappingVersion: "0" } }],
    runs: `/runs?property=flowId==${flow.id}`,
    lastOperation: { started: flow.createdAt, updated: 0, operation: "create" },
  };
  if (last) {
    view.lastRunDetails = {
      id: last.id,
      state: last.status,
      startedAtUTC: last.startedAt,
      ...(last.completedAt === undefined ? {} : { completedAtUTC: last.completedAt }),
    };
  }
  return view;
}

function failureOf(run: RunRecord): RunFailure | undefined {
  if (run.status !== "failed" || !run.errorCode) return undefined;
  return run.errorCode === "ConnectionNotFound" ? missingConnectionFailure(run.baseConnectionId) : copyFailure(run.errorCode, run.accessKeyId);
}

/** Paths the light run view answers; filters on anything else need the full view. */
export const LIGHT_RUN_PATHS = /^(id|flowId|createdAt|updatedAt|sandboxName|metrics\.statusSummary\.status|metrics\.durationSummary\.(startedAtUTC|completedAtUTC))$/;

/**
 * The members of a run view that filters and sorting commonly use: building it for thousands of
 * runs is cheap, and the full view is then built for one page only.
 */
export function lightRunView(run: RunRecord): { id: string } & Record<string, unknown> {
  return {
    id: run.id,
    flowId: run.flowId,
    createdAt: run.at,
    updatedAt: run.completedAt ?? run.startedAt,
    sandboxName: run.sandboxName,
    metrics: { statusSummary: { status: run.status }, durationSummary: { startedAtUTC: run.startedAt, ...(run.completedAt === undefined ? {} : { completedAtUTC: run.completedAt }) } },
  };
}

export function runView(run: RunRecord, orgId: string): Record<string, unknown> {
  const failure = failureOf(run);
  const activityId = "4f008a00-3a04-11eb-adc1-0242ac120002";
  const duration = { startedAtUTC: run.startedAt, ...(run.completedAt === undefined ? {} : { completedAtUTC: run.completedAt }) };
  const size = run.status === "success" ? { inputBytes: run.bytes, outputBytes: run.bytes } : {};
  const records = failure ? { failedInfo: failure.failedInfo } : run.status === "success" ? { inputRecordCount: run.files * 100, outputRecordCount: run.files * 100, failedRecordCount: 0 } : {};
  const files = run.status === "success" ? { inputFileCount: run.files, outputFileCount: run.files } : {};
  const etag = `"${run.id.slice(0, 8)}-0000-0200-0000-${Math.floor(run.at / 1000).toString(16).padStart(8, "0")}0000"`;
  return {
    id: run.id,
    createdAt: run.at,
    updatedAt: run.completedAt ?? run.startedAt,
    createdBy: `${RUN_WRITER}@AdobeID`,
    updatedBy: `${RUN_WRITER}@AdobeID`,
    createdClient: RUN_WRITER,
    updatedClient: RUN_WRITER,
    ...tenant(orgId, run.sandboxName),
    flowId: run.flowId,
    flowSpec: { id: CLOUD_STORAGE_FLOW_SPEC_ID, version: "1.0" },
    providerRefId: `M-${run.flowId}-incremental-0:${run.id}`,
    etag,
    metrics: {
      durationSummary: duration,
      sizeSummary: size,
      recordSummary: records,
      fileSummary: files,
      statusSummary: { status: run.status, ...(failure ? { errors: failure.errors, activityRefs: [activityId] } : {}) },
    },
    activities: [
      {
        id: activityId,
        name: "Amazon S3 Copy Activity",
        updatedAtUTC: 0,
        durationSummary: duration,
        latencySummary: {},
        sizeSummary: size,
        recordSummary: records,
        fileSummary: files,
        statusSummary: {
          status: run.status,
          ...(failure ? { errors: failure.errors } : {}),
          extensions: failure ? { errorDetail: failure.errorDetail, errors: failure.failedInfo } : {},
        },
      },
    ],
  };
}
