// token.expiring: a token that will not be rotated automatically (no rotation source, automatic
// rotation off or paused, or waiting for a person) and expires within ALERT_EXPIRING_HOURS.
// token.expired: any token past its expiry. One alert per token: the expiry alerted for is kept on
// the connection, and the alert's dedupe key carries it, whatever the number of instances.
import "server-only";
import { raiseAlert } from "@/lib/alerts";
import { db } from "@/lib/db";
import { serverEnv } from "@/lib/env";
import { effectivePolicy, type SandboxDefault } from "./effective";
import { utcTime } from "@/lib/format/utc";

function utc(date: Date): string {
  return utcTime(date, "minute");
}

export async function raiseExpiryAlerts(sandboxName: string, now: Date, sandboxDefault: SandboxDefault | null): Promise<number> {
  const horizon = new Date(now.getTime() + serverEnv().ALERT_EXPIRING_HOURS * 3_600_000);
  const candidates = await db.connection.findMany({
    where: { sandboxName, remoteMissingSince: null, sessionTokenExpiresAt: { lte: horizon } },
    select: { id: true, remoteId: true, name: true, sessionTokenExpiresAt: true, rotationRoleArn: true, expiringAlertedFor: true, expiredAlertedFor: true, autoRotation: true },
  });
  let raised = 0;
  for (const connection of candidates) {
    const expiresAt = connection.sessionTokenExpiresAt!;
    const expired = expiresAt <= now;
    if (expired ? connection.expiredAlertedFor?.getTime() === expiresAt.getTime() : connection.expiringAlertedFor?.getTime() === expiresAt.getTime()) continue;
    const policy = effectivePolicy(connection.autoRotation, sandboxDefault);
    const why = !connection.rotationRoleArn
      ? "it has no rotation source"
      : connection.autoRotation?.state === "needs_attention"
        ? "its automatic rotation needs a person"
        : policy.paused
          ? "its automatic rotation is paused"
          : !policy.enabled
            ? "automatic rotation is off"
            : null;
    if (!expired && why === null) continue; // automatic rotation will take care of it
    await raiseAlert({
      type: expired ? "token.expired" : "token.expiring",
      sandbox: sandboxName,
      connection: { remoteId: connection.remoteId, name: connection.name },
      message: expired
        ? `The session token of ${connection.name} expired at ${utc(expiresAt)}: its dataflows can no longer read the bucket until it is rotated.`
        : `The session token of ${connection.name} expires at ${utc(expiresAt)} and will not be rotated automatically: ${why}.`,
      dedupeKey: `${expired ? "token.expired" : "token.expiring"}:${connection.id}:${expiresAt.toISOString()}`,
    });
    await db.connection.update({ where: { id: connection.id }, data: expired ? { expiredAlertedFor: expiresAt } : { expiringAlertedFor: expiresAt } });
    raised += 1;
  }
  return raised;
}
