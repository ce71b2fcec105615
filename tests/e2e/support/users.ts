/** Accounts created for the e2e run (throwaway data folder; never used elsewhere). */
export const E2E_USERS = {
  admin: { email: "admin@e2e.test", password: "admin-password-e2e-123" },
  operator: { email: "operator@e2e.test", password: "operator-password-e2e-123" },
  viewer: { email: "viewer@e2e.test", password: "viewer-password-e2e-123" },
} as const;

/** Canary credentials: if any of these values shows up outside Flow Service and S3, it leaked. */
export const CANARY = {
  accessKeyId: "AKIACANARYE2E0000001",
  secretAccessKey: "CANARYe2eSecret7d1f0c9b8a",
  sessionToken: "CANARYe2eToken4b3a2f1e0d",
  rotatedToken: "CANARYe2eRotated9e8d7c6b5a",
} as const;
