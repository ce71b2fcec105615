import { Badge } from "@/components/ui/badge";
import type { RunStatus } from "@/lib/dataflows/describe";

const LABELS: Record<RunStatus, [string, "good" | "bad" | "info" | "neutral"]> = {
  success: ["succeeded", "good"],
  failed: ["failed", "bad"],
  inProgress: ["running", "info"],
  unknown: ["unknown", "neutral"],
};

export function RunStatusBadge({ status }: { status: RunStatus }) {
  const [label, tone] = LABELS[status];
  return <Badge tone={tone}>{label}</Badge>;
}
