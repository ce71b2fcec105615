// Roles and what each may do. Pages, navigation and server actions all ask `can()`, so the rules
// live in one table.
export const ROLES = ["viewer", "operator", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  "connections:read": ["viewer", "operator", "admin"],
  "connections:create": ["operator", "admin"],
  "connections:edit": ["operator", "admin"],
  "connections:rotate": ["operator", "admin"],
  "connections:sync": ["operator", "admin"],
  "connections:delete": ["admin"],
  "audit:read": ["viewer", "operator", "admin"],
  "runs:read": ["viewer", "operator", "admin"],
  /** Start, cancel and retry rotation runs. */
  "runs:manage": ["operator", "admin"],
  /** The sandbox's default rotation policy. */
  "policies:manage": ["admin"],
  "settings:read": ["admin"],
  /** Ending one's own sessions everywhere. */
  "sessions:end-own": ["viewer", "operator", "admin"],
  /** Ending other users' sessions, disabling and enabling accounts. */
  "users:manage": ["admin"],
  /** Register, change, test and delete webhook endpoints for alerts; read their delivery logs. */
  "webhooks:manage": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role | undefined, permission: Permission): boolean {
  return role !== undefined && (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
