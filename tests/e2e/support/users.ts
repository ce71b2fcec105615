/** Accounts created for the e2e run (throwaway data folder; never used elsewhere). */
export const E2E_USERS = {
  admin: { email: "admin@e2e.test", password: "admin-password-e2e-123" },
  operator: { email: "operator@e2e.test", password: "operator-password-e2e-123" },
  viewer: { email: "viewer@e2e.test", password: "viewer-password-e2e-123" },
} as const;
