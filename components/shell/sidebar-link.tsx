"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export function SidebarLink({ href, label }: { href: string; label: string }) {
  const pathname = usePathname();
  // "/connections" must not light up on "/connections/new", which has its own entry.
  const active = pathname === href || (href !== "/connections" && pathname.startsWith(`${href}/`)) || (href === "/connections" && /^\/connections\/(?!new)[^/]+/.test(pathname));
  return (
    // No prefetch: every console page is dynamic and has no loading boundary, so a prefetch brings
    // back only the route's shape (about 1 KB) yet costs the server a signed-in request, five
    // to ten of them on every page load.
    <Link
      href={href}
      prefetch={false}
      aria-current={active ? "page" : undefined}
      className={`block rounded-md px-3 py-2 text-sm font-medium ${active ? "bg-slate-800 text-white" : "text-slate-300 hover:bg-slate-800 hover:text-white"}`}
    >
      {label}
    </Link>
  );
}
