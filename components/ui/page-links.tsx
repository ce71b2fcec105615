// Previous / Next under a paginated list. The summary before them ("N items · page X of Y") is the
// caller's, and so is each page's address, which keeps the list's filters in the URL.
import Link from "next/link";
import type { ReactNode } from "react";

const LINK = "rounded-md border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-100";

/**
 * "page X of Y" for the summary. A page past the last one (a bookmark kept while the list shrank, or
 * an address edited by hand) says so, rather than claiming to be a page it does not show.
 */
export function pagePosition(page: number, pages: number): string {
  return page <= pages ? `page ${page} of ${pages}` : `page ${page}, past the last (${pages})`;
}

/** What an empty table says on a page past the last one of a list that is not empty. */
export const PAST_THE_LAST_PAGE = "This page is past the last one; the link below leads to the last page.";

export function PageLinks({ page, pages, href, children }: { page: number; pages: number; href: (page: number) => string; children: ReactNode }) {
  // From past the last page, the way back is the last page, not the empty one before this.
  const beyond = page > pages;
  return (
    <nav aria-label="Pages" className="mt-3 flex items-center gap-3 text-sm text-slate-700">
      {children}
      {page > 1 ? (
        <Link className={LINK} href={href(beyond ? pages : page - 1)}>
          {beyond ? "Last page" : "Previous"}
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
