import type { ReactNode } from "react";

/**
 * A data table in the console's style: a white, bordered frame that scrolls sideways when the table
 * is wider than the window, around a full-width table. The frame is `relative` so that the
 * screen-reader-only labels inside the table (absolutely positioned) stay in it: placed against
 * the page instead, they widened the whole page on a narrow window.
 */
export function DataTable({ children }: { children: ReactNode }) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-left text-sm">{children}</table>
    </div>
  );
}
