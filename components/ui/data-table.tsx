import type { ReactNode } from "react";

/**
 * A data table in the console's style: a white, bordered frame that scrolls sideways when the table
 * is wider than the window, around a full-width table with a screen-reader caption.
 * - The frame is `relative` so that the screen-reader-only labels inside the table (absolutely
 *   positioned) stay in it: placed against the page instead, they widened the whole page on a
 *   narrow window.
 * - The frame is a named region that takes focus, so a keyboard can scroll it even when the table
 *   holds no link or button (the audit log, a connection's fields): a scrolling area nobody can
 *   reach with Tab is a WCAG failure that axe reports as scrollable-region-focusable.
 */
export function DataTable({ caption, children }: { caption: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={caption} tabIndex={0} className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}
