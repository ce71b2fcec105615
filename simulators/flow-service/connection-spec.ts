/**
 * The one connection spec the simulator knows: Amazon S3. Auth param lists come from the
 * credential table of Adobe's S3 guide; the JSON-schema form mirrors how Adobe publishes
 * authSpec entries. The same table drives request validation (validation.ts).
 */
import type { AuthSpecName } from "./types";

export const S3_SPEC_ID = "ecadc60c-7455-4d87-84dc-2a0e293d997b";
export const S3_SPEC_VERSION = "1.0";

interface ParamDef {
  description: string;
  secret?: boolean;
}

export interface AuthSpecDef {
  type: string;
  required: readonly string[];
  params: Record<string, ParamDef>;
}

export const AUTH_SPECS: Record<AuthSpecName, AuthSpecDef> = {
  "Access Key": {
    type: "KeyBased",
    required: ["s3AccessKey", "s3SecretKey"],
    params: {
      s3AccessKey: { description: "Access key id of the Amazon S3 account." },
      s3SecretKey: { description: "Secret access key of the Amazon S3 account.", secret: true },
      s3SessionToken: { description: "Optional temporary session token.", secret: true },
      serviceUrl: { description: "Optional regional endpoint, e.g. https://s3.{REGION}.amazonaws.com." },
      bucketName: { description: "Bucket holding the data." },
      folderPath: { description: "Folder within the bucket, required for restricted access." },
    },
  },
  "IAMRole Based": {
    type: "IAMRoleBased",
    required: ["bucketName"],
    params: {
      bucketName: { description: "Bucket holding the data." },
      folderPath: { description: "Folder within the bucket." },
    },
  },
};

export function isAuthSpecName(value: unknown): value is AuthSpecName {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(AUTH_SPECS, value);
}

function authSpecEntry(name: AuthSpecName, def: AuthSpecDef) {
  const properties: Record<string, unknown> = {};
  for (const [param, info] of Object.entries(def.params)) {
    properties[param] = { type: "string", description: info.description, ...(info.secret ? { format: "password" } : {}) };
  }
  return {
    name,
    type: def.type,
    spec: {
      $schema: "http://json-schema.org/draft-07/schema#",
      type: "object",
      description: `Defines auth params required for connecting to Amazon S3 (${name}).`,
      properties,
      required: [...def.required],
    },
  };
}

export function s3ConnectionSpec() {
  return {
    id: S3_SPEC_ID,
    name: "amazon-s3",
    providerId: "0ed90a81-07f4-4586-8190-b40eccef1c5a",
    version: S3_SPEC_VERSION,
    authSpec: (Object.keys(AUTH_SPECS) as AuthSpecName[]).map((name) => authSpecEntry(name, AUTH_SPECS[name])),
    sourceSpec: {
      name: "CloudStorage",
      type: "CloudStorage",
      attributes: {
        uiAttributes: {
          isSource: true,
          documentationLink: "http://www.adobe.com/go/sources-amazon-s3-en",
          category: "CloudStorage",
          icon: "amazon-s3",
          label: "Amazon S3",
        },
      },
      spec: {
        schema: "http://json-schema.org/draft-07/schema#",
        type: "object",
        description: "Defines params required when this connection is used as a source in a flow.",
        path: { type: "string", description: "Folder path, file path or wildcard pattern to copy." },
        recursive: { type: "boolean", default: "false", description: "Copy folders recursively." },
      },
    },
    exploreSpec: { name: "FileSystem", type: "FileSystem" },
    attributes: {
      category: "Cloud Storage",
      connectorName: "Amazon S3",
      isSource: true,
      uiAttributes: { apiFeatures: { explorePaginationSupported: false } },
    },
  };
}
