-- AlterTable
ALTER TABLE "Connection" ADD COLUMN     "lastRotatedAt" TIMESTAMP(3),
ADD COLUMN     "rotationDurationSeconds" INTEGER,
ADD COLUMN     "rotationExternalId" TEXT,
ADD COLUMN     "rotationRoleArn" TEXT;

-- CreateIndex
CREATE INDEX "Connection_sandboxName_createdAt_idx" ON "Connection"("sandboxName", "createdAt");
