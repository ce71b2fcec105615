import type { Permission } from "@/lib/auth/roles";

export type NavItem = { href: string; label: string; permission: Permission };

/** The sidebar, in order. Items the role cannot use are not rendered at all. */
export const NAV_ITEMS: NavItem[] = [
  { href: "/connections", label: "Connections", permission: "connections:read" },
  { href: "/connections/new", label: "New connection", permission: "connections:create" },
  { href: "/upcoming", label: "Next 24 hours", permission: "connections:read" },
  { href: "/runs", label: "Runs", permission: "runs:read" },
  { href: "/audit", label: "Audit log", permission: "audit:read" },
  { href: "/settings", label: "Settings", permission: "settings:read" },
];
