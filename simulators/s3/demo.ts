/**
 * Demo fixture of the local S3 test server, used by `npm start` and tests.
 * Every credential here is fake and only valid against this local server.
 */
import type { S3Account, S3BucketInput, S3ServerOptions } from "./types";

export const DEMO_S3_REGION = "us-east-1";
export const DEMO_S3_DEFAULT_PORT = 4569;

/** Main demo bucket (us-east-1) and the folder meant to be connected. */
export const DEMO_BUCKET = "demo-aep-ingest";
export const DEMO_FOLDER = "exports/2026";
/** A second folder the restricted account may not list. */
export const DEMO_OTHER_FOLDER = "archive/2025";

/** A bucket in another region, to demonstrate the wrong-region message. */
export const DEMO_EU_BUCKET = "demo-aep-eu-archive";
export const DEMO_EU_REGION = "eu-west-1";

/** Full access to every bucket. */
export const DEMO_ACCESS_KEY_ID = "AKIADEMOLOCAL0000001";
export const DEMO_SECRET_ACCESS_KEY = "demo-secret-key-change-me";

/** Allowed only to list and read DEMO_FOLDER in DEMO_BUCKET (shows AccessDenied elsewhere). */
export const DEMO_RESTRICTED_ACCESS_KEY_ID = "AKIADEMOLOCAL0000002";
export const DEMO_RESTRICTED_SECRET_ACCESS_KEY = "demo-restricted-secret-change-me";

/** Temporary credentials with a session token that does not expire (demo only). */
export const DEMO_SESSION_ACCESS_KEY_ID = "ASIADEMOLOCAL0000003";
export const DEMO_SESSION_SECRET_ACCESS_KEY = "demo-session-secret-change-me";
export const DEMO_SESSION_TOKEN = "demo-session-token-change-me";

/** Temporary credentials whose token expired long ago (shows ExpiredToken). */
export const DEMO_EXPIRED_ACCESS_KEY_ID = "ASIADEMOLOCAL0000004";
export const DEMO_EXPIRED_SECRET_ACCESS_KEY = "demo-expired-secret-change-me";
export const DEMO_EXPIRED_SESSION_TOKEN = "demo-expired-token-change-me";

const FIXED_DATE = new Date("2026-01-15T09:30:00.000Z");

const customersCsv = [
  "customer_id,email,first_name,last_name,country,created_at",
  "C-1001,ana.silva@example.com,Ana,Silva,PT,2026-01-02T10:15:00Z",
  "C-1002,ben.okafor@example.com,Ben,Okafor,NG,2026-01-03T08:01:00Z",
  "C-1003,chloe.martin@example.com,Chloé,Martin,FR,2026-01-05T17:42:00Z",
  "",
].join("\n");

const ordersCsv = [
  "order_id,customer_id,total,currency,ordered_at",
  "O-5001,C-1001,129.90,EUR,2026-01-06T12:00:00Z",
  "O-5002,C-1003,42.00,EUR,2026-01-07T09:30:00Z",
  "",
].join("\n");

const eventsJson = `${JSON.stringify(
  [
    { eventId: "E-1", customerId: "C-1001", type: "page_view", timestamp: "2026-01-08T10:00:00Z" },
    { eventId: "E-2", customerId: "C-1002", type: "add_to_cart", timestamp: "2026-01-08T10:05:00Z" },
  ],
  null,
  2,
)}\n`;

export const DEMO_BUCKETS: S3BucketInput[] = [
  {
    name: DEMO_BUCKET,
    region: DEMO_S3_REGION,
    createdAt: FIXED_DATE,
    objects: [
      { key: `${DEMO_FOLDER}/customers.csv`, body: customersCsv, lastModified: FIXED_DATE },
      { key: `${DEMO_FOLDER}/orders.csv`, body: ordersCsv, lastModified: FIXED_DATE },
      { key: `${DEMO_FOLDER}/events.json`, body: eventsJson, lastModified: FIXED_DATE },
      { key: `${DEMO_FOLDER}/daily/2026-01-15.csv`, body: ordersCsv, lastModified: FIXED_DATE },
      { key: `${DEMO_OTHER_FOLDER}/customers-2025.csv`, body: customersCsv, lastModified: FIXED_DATE },
    ],
  },
  {
    name: DEMO_EU_BUCKET,
    region: DEMO_EU_REGION,
    createdAt: FIXED_DATE,
    objects: [{ key: "exports/customers-eu.csv", body: customersCsv, lastModified: FIXED_DATE }],
  },
];

export const DEMO_ACCOUNTS: Record<string, S3Account> = {
  [DEMO_ACCESS_KEY_ID]: {
    secretAccessKey: DEMO_SECRET_ACCESS_KEY,
    displayName: "demo-admin",
    allow: [{ action: "s3:*", bucket: "*" }],
  },
  [DEMO_RESTRICTED_ACCESS_KEY_ID]: {
    secretAccessKey: DEMO_RESTRICTED_SECRET_ACCESS_KEY,
    displayName: "demo-restricted",
    allow: [
      { action: "s3:ListBucket", bucket: DEMO_BUCKET, prefix: `${DEMO_FOLDER}/` },
      { action: "s3:GetObject", bucket: DEMO_BUCKET, prefix: `${DEMO_FOLDER}/` },
    ],
  },
  [DEMO_SESSION_ACCESS_KEY_ID]: {
    secretAccessKey: DEMO_SESSION_SECRET_ACCESS_KEY,
    sessionToken: DEMO_SESSION_TOKEN,
    displayName: "demo-temporary",
    allow: [{ action: "s3:*", bucket: "*" }],
  },
  [DEMO_EXPIRED_ACCESS_KEY_ID]: {
    secretAccessKey: DEMO_EXPIRED_SECRET_ACCESS_KEY,
    sessionToken: DEMO_EXPIRED_SESSION_TOKEN,
    expiresAt: "2025-01-01T00:00:00Z",
    displayName: "demo-expired",
    allow: [{ action: "s3:*", bucket: "*" }],
  },
};

/** Options for startS3TestServer that load the demo data (add port/host as needed). */
export function demoS3ServerOptions(overrides: Partial<S3ServerOptions> = {}): S3ServerOptions {
  return { region: DEMO_S3_REGION, accounts: { ...DEMO_ACCOUNTS }, buckets: DEMO_BUCKETS, ...overrides };
}
