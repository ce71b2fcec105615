// Previous / Next under a paginated list. The summary before them ("N items · page X of Y") is the
// caller's, and so is each page's address, which keeps the list's filters in the URL.
import Link from "next/link";
import type { ReactNode } from "react";

const LINK = "rounded-md border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-100";

export function PageLinks({ page, pages, href, children }: { page: number; pages: number; href: (page: number) => string; children: ReactNode }) {
  return (
    <nav aria-label="Pages" className="mt-3 flex items-center gap-3 text-sm text-slate-700">
      {children}
      {page > 1 ? (
        <Link className={LINK} href={href(page - 1)}>
          Previous
        </Link>
      ) : null}
      {page < pages ? (
        <Link className={LINK} href={href(page + 1)}>
          Next
        </Link>
      ) : null}
    </nav>
  );
}
