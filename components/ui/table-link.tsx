// A link inside a table cell: the row's way to its own page. Not prefetched: every console page is
// dynamic, so each row link in view would ask the server to render its page on load.
import Link from "next/link";
import type { ReactNode } from "react";

export function TableLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link prefetch={false} className="text-blue-800 underline-offset-2 hover:underline" href={href}>
      {children}
    </Link>
  );
}
