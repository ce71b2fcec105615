import { can, type Role } from "@/lib/auth/roles";
import { clientEnv } from "@/lib/env.client";
import { NAV_ITEMS } from "./nav-items";
import { SidebarLink } from "./sidebar-link";

export function Sidebar({ role }: { role: Role }) {
  return (
    <aside className="w-56 shrink-0 bg-slate-900 px-3 py-4 text-white">
      <p className="px-3 pb-4 text-sm font-semibold tracking-wide">{clientEnv.NEXT_PUBLIC_APP_NAME}</p>
      <nav aria-label="Main">
        <ul className="space-y-1">
          {NAV_ITEMS.filter((item) => can(role, item.permission)).map((item) => (
            <li key={item.href}>
              <SidebarLink href={item.href} label={item.label} />
            </li>
          ))}
        </ul>
      </nav>
    </aside>
  );
}
