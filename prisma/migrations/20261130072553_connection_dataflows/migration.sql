-- CreateTable
CREATE TABLE "ConnectionDataflows" (
    "connectionId" UUID NOT NULL,
    "total" INTEGER NOT NULL,
    "failing" INTEGER NOT NULL,
    "lastFailureAt" TIMESTAMP(3),
    "checkedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConnectionDataflows_pkey" PRIMARY KEY ("connectionId")
);

-- CreateIndex
CREATE INDEX "ConnectionDataflows_failing_idx" ON "ConnectionDataflows"("failing");

-- AddForeignKey
ALTER TABLE "ConnectionDataflows" ADD CONSTRAINT "ConnectionDataflows_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;
