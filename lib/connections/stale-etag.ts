// A write from the detail page met a stale etag (412). Nothing was overwritten; the user is told
// in one consistent sentence and, when Flow Service can be read, shown what changed and the etag
// they may explicitly act against after looking.
import "server-only";
import { fail } from "@/lib/actions/result";
import { flowService } from "@/lib/flow-service/server";
import { describeConflict } from "./conflict";

export const STALE_ETAG_MESSAGE = "The connection changed in Flow Service since you loaded it; reload to see the changes.";

type StoredFields = Parameters<typeof describeConflict>[0];

export async function staleEtagFailure(sandboxName: string, remoteId: string, stored: StoredFields, requestId: string) {
  // A read only: the caller has already audited the conflict, and a failed read just means the
  // user sees the message without the list of changes.
  const remote = await flowService().getConnection(remoteId, { sandbox: sandboxName }).catch(() => null);
  return fail("conflict", STALE_ETAG_MESSAGE, { requestId, conflict: remote ? describeConflict(stored, remote.connection) : undefined });
}
