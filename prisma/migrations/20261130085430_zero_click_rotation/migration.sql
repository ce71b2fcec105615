-- DropIndex
DROP INDEX "RotationRunItem_connectionId_idx";

-- AlterTable
ALTER TABLE "Connection" ADD COLUMN     "credentialFingerprint" TEXT,
ADD COLUMN     "expiredAlertedFor" TIMESTAMP(3),
ADD COLUMN     "expiringAlertedFor" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "RotationRun" ADD COLUMN     "trigger" TEXT NOT NULL DEFAULT 'bulk';

-- AlterTable
ALTER TABLE "RotationRunItem" ADD COLUMN     "steps" JSONB;

-- CreateTable
CREATE TABLE "AutoRotation" (
    "connectionId" UUID NOT NULL,
    "sandboxName" TEXT NOT NULL,
    "enabled" BOOLEAN,
    "thresholdPercent" INTEGER,
    "minLeadMinutes" INTEGER,
    "pausedAt" TIMESTAMP(3),
    "pausedBy" TEXT,
    "nextRotationAt" TIMESTAMP(3),
    "state" TEXT NOT NULL DEFAULT 'ok',
    "lastAttemptAt" TIMESTAMP(3),
    "lastResult" TEXT,
    "lastStep" TEXT,
    "lastMessage" TEXT,
    "lastRunId" UUID,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AutoRotation_pkey" PRIMARY KEY ("connectionId")
);

-- CreateTable
CREATE TABLE "SandboxRotationDefault" (
    "sandboxName" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "thresholdPercent" INTEGER NOT NULL DEFAULT 25,
    "minLeadMinutes" INTEGER NOT NULL DEFAULT 15,
    "updatedBy" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SandboxRotationDefault_pkey" PRIMARY KEY ("sandboxName")
);

-- CreateIndex
CREATE INDEX "AutoRotation_sandboxName_nextRotationAt_idx" ON "AutoRotation"("sandboxName", "nextRotationAt");

-- CreateIndex
CREATE INDEX "RotationRunItem_connectionId_status_idx" ON "RotationRunItem"("connectionId", "status");

-- AddForeignKey
ALTER TABLE "AutoRotation" ADD CONSTRAINT "AutoRotation_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;
