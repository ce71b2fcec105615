-- DropIndex
DROP INDEX "Connection_sandboxName_lastSyncedAt_idx";

-- A sync no longer rewrites figures that did not change, so the column says when they last did.
ALTER TABLE "ConnectionDataflows" RENAME COLUMN "checkedAt" TO "changedAt";

-- CreateTable
CREATE TABLE "SandboxSync" (
    "sandboxName" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SandboxSync_pkey" PRIMARY KEY ("sandboxName")
);

-- Each sandbox's last successful sync, from the audit trail (the event is written as the sync ends,
-- with its duration): the rows that sync listed were all stamped with its start, so the inventory
-- shows the same times after this migration as before it.
INSERT INTO "SandboxSync" ("sandboxName", "startedAt", "finishedAt")
SELECT DISTINCT ON ("targetId")
    "targetId",
    "occurredAt" - make_interval(secs => COALESCE(("details"->>'durationMs')::float8, 0) / 1000),
    "occurredAt"
FROM "AuditEvent"
WHERE "action" = 'connections.sync' AND "outcome" = 'success' AND "targetType" = 'sandbox' AND "targetId" IS NOT NULL
ORDER BY "targetId", "occurredAt" DESC;
