// "Test connection": Flow Service tries the bucket with the credentials it holds (the console
// never sees them). A read, so viewers may run it, but it is audited: it reveals whether stored
// credentials still work, which is worth a trace.
import "server-only";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { isFlowServiceError } from "@/lib/flow-service/errors";
import { flowService } from "@/lib/flow-service/server";
import { flowServiceFailure } from "./errors";

export type ConnectionTestResult = { result: boolean; requestId: string; testedAt: string };

export async function testConnection(sandboxName: string, remoteId: string, actor: AuditActor): Promise<ActionResult<ConnectionTestResult>> {
  const row = await db.connection.findUnique({ where: { sandboxName_remoteId: { sandboxName, remoteId } }, select: { id: true, name: true } });
  if (!row) return fail("not_found", "This connection is not in the inventory of the current sandbox.");
  const audit = { actor, action: "connection.test", targetType: "connection" as const, targetId: remoteId, connectionId: row.id, sandboxName };
  try {
    const { result, requestId } = await flowService().testConnection(remoteId, { sandbox: sandboxName });
    // An unreachable bucket is recorded as a failure so it stands out in the history.
    await recordAuditEvent({ ...audit, outcome: result ? "success" : "failure", requestId, details: { name: row.name, result } });
    return ok({ result, requestId, testedAt: new Date().toISOString() });
  } catch (error) {
    const requestId = isFlowServiceError(error) ? error.requestId : null;
    await recordAuditEvent({ ...audit, outcome: "failure", requestId, details: { name: row.name, error: isFlowServiceError(error) ? error.kind : "internal" } }).catch(() => undefined);
    return flowServiceFailure(error, "Testing the connection");
  }
}
