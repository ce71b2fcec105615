-- CreateTable
CREATE TABLE "ConnectionCreation" (
    "submissionId" UUID NOT NULL,
    "sandboxName" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "remoteId" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ConnectionCreation_pkey" PRIMARY KEY ("submissionId")
);
