import { Badge } from "@/components/ui/badge";
import type { RunCounts } from "@/lib/runs/view";
import { STATE_LABELS, STATE_TONES } from "./run-format";
import { formatCount } from "@/lib/format/count";

/** One badge per state that has items, in the order a run moves through them. */
export function RunCounts({ counts }: { counts: RunCounts }) {
  return (
    <ul className="flex flex-wrap gap-2" aria-label="Items by state" data-testid="run-counts">
      {(Object.keys(STATE_LABELS) as (keyof RunCounts)[]).map((state) =>
        counts[state] > 0 ? (
          <li key={state} data-state={state} data-count={counts[state]}>
            <Badge tone={STATE_TONES[state]}>
              {formatCount(counts[state])} {STATE_LABELS[state]}
            </Badge>
          </li>
        ) : null,
      )}
    </ul>
  );
}

export function finishedCount(counts: RunCounts): number {
  return counts.done + counts.failed + counts.conflict + counts.cancelled;
}
