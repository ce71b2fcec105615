// OIDC_ROLE_MAP: which identity-provider groups give which console role, as
// "group:role,group:role" (the role after the last colon, so group names may contain colons).
// A user in several mapped groups gets the highest of their roles.
import { ROLES, type Role } from "@/lib/auth/roles";

export type RoleMap = ReadonlyMap<string, Role>;
export type RoleMapParse = { ok: true; value: RoleMap } | { ok: false; message: string };

const RANK: Record<Role, number> = { viewer: 1, operator: 2, admin: 3 };

export function parseRoleMap(raw: string): RoleMapParse {
  const map = new Map<string, Role>();
  for (const entry of raw.split(",").map((part) => part.trim()).filter(Boolean)) {
    const colon = entry.lastIndexOf(":");
    const group = colon > 0 ? entry.slice(0, colon).trim() : "";
    const role = colon > 0 ? entry.slice(colon + 1).trim() : "";
    if (!group || !role) return { ok: false, message: `entry "${entry}" is not group:role (for example admins:admin,ops:operator,readers:viewer)` };
    if (!(ROLES as readonly string[]).includes(role)) return { ok: false, message: `names an unknown role "${role}" (roles are ${ROLES.join(", ")})` };
    if (map.has(group) && map.get(group) !== role) return { ok: false, message: `maps group "${group}" to two roles` };
    map.set(group, role as Role);
  }
  if (map.size === 0) return { ok: false, message: "maps no group to a role: nobody could sign in (for example admins:admin,ops:operator,readers:viewer)" };
  return { ok: true, value: map };
}

/** The highest role any of the groups maps to, or null when none is mapped. */
export function roleForGroups(groups: readonly string[], map: RoleMap): Role | null {
  let best: Role | null = null;
  for (const group of groups) {
    const role = map.get(group);
    if (role && (!best || RANK[role] > RANK[best])) best = role;
  }
  return best;
}

/** The groups claim as a list, whatever shape the provider sends (array, or one string). */
export function groupsFromClaim(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === "string");
  if (typeof value === "string") return value.split(/[\s,]+/).filter(Boolean);
  return [];
}
