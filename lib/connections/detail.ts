// A connection's page: what the console stored beside what Flow Service says now.
import "server-only";
import { cache } from "react";
import type { ActionError } from "@/lib/actions/result";
import { db } from "@/lib/db";
import { flowService } from "@/lib/flow-service/server";
import type { RemoteConnection } from "@/lib/flow-service/types";
import { flowServiceFailure } from "./errors";
import { findStoredConnection, type StoredConnection } from "./inventory";
import { lastCompleteSync, withLastSeen } from "./last-seen";

/** What Flow Service says of the connection now, or why it could not be read. */
export type LiveConnection = { ok: true; connection: RemoteConnection; requestId: string } | { ok: false; error: ActionError };

export type ConnectionDetail = {
  stored: NonNullable<StoredConnection>;
  /** Never rejects: a failed read resolves to `{ ok: false }`. */
  live: Promise<LiveConnection>;
  history: Awaited<ReturnType<typeof recentHistory>>;
};

function recentHistory(connectionId: string) {
  return db.auditEvent.findMany({ where: { connectionId }, orderBy: { occurredAt: "desc" }, take: 20 });
}

/** The stored row, read once per page request although the page and its title both ask for it. */
const storedForPage = cache(findStoredConnection);

/** The connection's name for its page's title (the browser's tab), or null if it is not stored. */
export async function connectionPageTitle(sandboxName: string, remoteId: string): Promise<string | null> {
  return (await storedForPage(sandboxName, remoteId))?.name ?? null;
}

function readLive(sandboxName: string, remoteId: string): Promise<LiveConnection> {
  return flowService()
    .getConnection(remoteId, { sandbox: sandboxName })
    .then((r) => ({ ok: true as const, connection: r.connection, requestId: r.requestId }))
    .catch((error: unknown) => ({ ok: false as const, error: flowServiceFailure(error, "Reading the connection from Flow Service").error }));
}

/**
 * The stored row and its history, and the live read still in flight: Flow Service takes 100–300 ms
 * across regions and up to its deadline when it is slow, so the page shows what the console stores
 * at once and streams the live fields in when they come. The live read starts only once the row is
 * known to exist (a missing one costs no call).
 */
export async function getConnectionDetail(sandboxName: string, remoteId: string): Promise<ConnectionDetail | null> {
  const stored = await storedForPage(sandboxName, remoteId);
  if (!stored) return null;
  const live = readLive(sandboxName, remoteId);
  const [history, lastSync] = await Promise.all([recentHistory(stored.id), lastCompleteSync(sandboxName)]);
  return { stored: withLastSeen(stored, lastSync), live, history };
}
