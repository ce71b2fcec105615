/** Public types of the Flow Service client (inputs and parsed results). */

export type AuthParamValue = string | number | boolean | null;

/** A base connection as returned by Flow Service, parsed and stripped of secrets. */
export interface RemoteConnection {
  id: string;
  name: string;
  description?: string;
  connectionSpec: { id: string; version?: string };
  /** "enabled" or "disabled" on Adobe today; kept as a string to tolerate new states. */
  state: string;
  auth: {
    specName: string;
    /** Non-secret params (bucketName, folderPath, serviceUrl, s3AccessKey as the server shows it). */
    params: Record<string, AuthParamValue>;
    /** Names of secret params the server reported as present (their values are never kept). */
    secretParams: string[];
  };
  /** Opaque entity tag including its double quotes, e.g. "\"1700d77b-...\"". Send it back as If-Match. */
  etag: string;
  createdAt?: number;
  updatedAt?: number;
  createdBy?: string;
  updatedBy?: string;
  createdClient?: string;
  updatedClient?: string;
  sandboxId?: string;
  sandboxName?: string;
  imsOrgId?: string;
}

export interface AccessKeyAuthInput {
  specName: "Access Key";
  params: {
    s3AccessKey: string;
    s3SecretKey: string;
    s3SessionToken?: string;
    serviceUrl?: string;
    bucketName?: string;
    folderPath?: string;
  };
}

export interface IamRoleAuthInput {
  specName: "IAMRole Based";
  params: { bucketName: string; folderPath?: string };
}

export interface CreateConnectionInput {
  name: string;
  description?: string;
  auth: AccessKeyAuthInput | IamRoleAuthInput;
}

/** RFC 6902 subset accepted by Flow Service for connections. */
export type JsonPatchOp =
  | { op: "add" | "replace"; path: string; value: unknown }
  | { op: "remove"; path: string };

export interface CallOptions {
  /** Sandbox for this call; defaults to the configured one. */
  sandbox?: string;
  /** x-request-id to send; generated when absent. Reused across retries of the same call. */
  requestId?: string;
  signal?: AbortSignal;
}

export interface ExploreItem {
  /** "folder" or "file" for S3. */
  type: string;
  name: string;
  path: string;
  canPreview: boolean;
  canFetchSchema: boolean;
}

export type ExploreTarget = { objectType: "root" } | { objectType: "folder"; object: string };

export interface AuthSpecInfo {
  name: string;
  type?: string;
  /** JSON schema of the params, as published by Adobe. */
  spec?: Record<string, unknown>;
}

export interface ConnectionSpecInfo {
  id: string;
  name?: string;
  version?: string;
  providerId?: string;
  authSpecs: AuthSpecInfo[];
}

export interface CreateConnectionResult {
  id: string;
  etag: string;
  requestId: string;
  /**
   * True when the create attempt failed ambiguously and the connection was found afterwards
   * (same name, created after the attempt began) instead of being created a second time.
   */
  adopted: boolean;
}

export interface ConnectionPage {
  connections: RemoteConnection[];
  requestId: string;
  pageIndex: number;
  /** Total number of matches, when the server reports it. */
  count?: number;
}

export interface ListConnectionsOptions extends CallOptions {
  /** Items per page (server may cap it). Default 100. */
  pageSize?: number;
  /** Extra `property` filters, e.g. "state==enabled"; the S3 spec filter is always added. */
  filters?: string[];
  /** e.g. "name", "-createdAt". */
  orderBy?: string;
}
