-- CreateIndex
CREATE INDEX "Connection_sandboxName_lastSyncedAt_idx" ON "Connection"("sandboxName", "lastSyncedAt");
