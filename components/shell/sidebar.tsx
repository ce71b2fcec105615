import Link from "next/link";
import { can, type Role } from "@/lib/auth/roles";
import { clientEnv } from "@/lib/env.client";
import { NAV_ITEMS } from "./nav-items";
import { SidebarLink } from "./sidebar-link";
import { countOf } from "@/lib/format/count";

/**
 * `needingRotation`: tokens expired or expiring within 7 days, whoever renews them (the amber badge
 * says "expiring", not "to rotate": automatic rotation renews most of them without anyone).
 * `needingPerson`: tokens of the next 24 hours that no automatic rotation will renew (the red badge).
 */
export function Sidebar({ role, needingRotation, needingPerson }: { role: Role; needingRotation: number; needingPerson: number }) {
  return (
    <aside className="w-56 shrink-0 bg-slate-900 px-3 py-4 text-white">
      <p className="px-3 pb-4 text-sm font-semibold tracking-wide">{clientEnv.NEXT_PUBLIC_APP_NAME}</p>
      <nav aria-label="Main">
        <ul className="space-y-1">
          {NAV_ITEMS.filter((item) => can(role, item.permission)).map((item) => (
            <li key={item.href}>
              <SidebarLink href={item.href} label={item.label} />
              {item.href === "/upcoming" && needingPerson > 0 ? (
                <Link href="/upcoming" prefetch={false} className="ml-3 mt-1 inline-block rounded-full bg-red-300 px-2 py-0.5 text-xs font-semibold text-slate-900" data-testid="tokens-needing-person">
                  {needingPerson} need{needingPerson === 1 ? "s" : ""} a person
                </Link>
              ) : null}
              {item.href === "/connections" && needingRotation > 0 ? (
                <Link
                  href="/connections?token=attention&sort=sessionTokenExpiresAt"
                  prefetch={false}
                  className="ml-3 mt-1 inline-block rounded-full bg-amber-400 px-2 py-0.5 text-xs font-semibold text-slate-900"
                  data-testid="tokens-needing-rotation"
                  title="Session tokens expired or expiring within 7 days, including those automatic rotation will renew"
                >
                  {countOf(needingRotation, "token")} expiring
                </Link>
              ) : null}
            </li>
          ))}
        </ul>
      </nav>
    </aside>
  );
}
