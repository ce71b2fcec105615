-- CreateIndex
CREATE INDEX "AuditEvent_sandboxName_occurredAt_idx" ON "AuditEvent"("sandboxName", "occurredAt");

-- CreateIndex
CREATE INDEX "AuditEvent_outcome_occurredAt_idx" ON "AuditEvent"("outcome", "occurredAt");
