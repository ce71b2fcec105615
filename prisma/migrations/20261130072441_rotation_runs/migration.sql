-- CreateTable
CREATE TABLE "RotationRun" (
    "id" UUID NOT NULL,
    "sandboxName" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "selection" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "total" INTEGER NOT NULL,
    "createdById" UUID,
    "createdByEmail" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    "cancelledBy" TEXT,
    "sealedCredentials" TEXT,

    CONSTRAINT "RotationRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RotationRunItem" (
    "id" UUID NOT NULL,
    "runId" UUID NOT NULL,
    "connectionId" UUID,
    "remoteId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'waiting',
    "jobId" UUID NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "patchedFrom" TEXT,
    "patchedExpiry" TIMESTAMP(3),
    "errorCode" TEXT,
    "message" TEXT,
    "requestId" TEXT,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "RotationRunItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SandboxThrottle" (
    "sandboxName" TEXT NOT NULL,
    "pausedUntil" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SandboxThrottle_pkey" PRIMARY KEY ("sandboxName")
);

-- CreateIndex
CREATE INDEX "RotationRun_sandboxName_createdAt_idx" ON "RotationRun"("sandboxName", "createdAt");

-- CreateIndex
CREATE INDEX "RotationRunItem_runId_status_idx" ON "RotationRunItem"("runId", "status");

-- CreateIndex
CREATE INDEX "RotationRunItem_connectionId_idx" ON "RotationRunItem"("connectionId");

-- CreateIndex
CREATE UNIQUE INDEX "RotationRunItem_runId_remoteId_key" ON "RotationRunItem"("runId", "remoteId");

-- AddForeignKey
ALTER TABLE "RotationRunItem" ADD CONSTRAINT "RotationRunItem_runId_fkey" FOREIGN KEY ("runId") REFERENCES "RotationRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RotationRunItem" ADD CONSTRAINT "RotationRunItem_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE SET NULL ON UPDATE CASCADE;
