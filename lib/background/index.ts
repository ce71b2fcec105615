// What the console does with nobody at the keyboard, started inside every console process: the
// workers of each queue and the sync schedule. The queue (lib/jobs) shares the work between all
// instances on the same database; this file only says which domain code handles which queue.
import "server-only";
import { deliverWebhookJob, webhookGaveUpJob } from "@/lib/alerts";
import { runSyncJob, scheduleSyncs } from "@/lib/connections/sync-jobs";
import { serverEnv } from "@/lib/env";
import { oncePerInterval, QUEUES, startJobSystem, stopJobSystem, WORKERS_PER_SLOT } from "@/lib/jobs";
import { planRotations } from "@/lib/rotation-policy/plan";
import { giveUpItem } from "@/lib/runs/finish";
import { rotateRunItem } from "@/lib/runs/rotate-item";

/** Delivery workers per console instance. */
const WEBHOOK_WORKERS = 4;

export async function startBackgroundWork(): Promise<void> {
  const env = serverEnv();
  await startJobSystem(
    [
      { queue: QUEUES.syncSandbox, workers: 1, handler: runSyncJob },
      // Two workers per sandbox slot (lib/jobs/slots.ts): together, the instances never have more
      // than ROTATION_CONCURRENCY rotations of a sandbox in flight.
      { queue: QUEUES.rotateConnection, workers: env.ROTATION_CONCURRENCY * WORKERS_PER_SLOT, handler: rotateRunItem },
      { queue: QUEUES.rotationGaveUp, workers: 1, handler: giveUpItem },
      { queue: QUEUES.planRotations, workers: 1, handler: async () => ({ sandboxes: await planRotations() }) },
      // Webhook deliveries: an attempt holds its worker for at most WEBHOOK_TIMEOUT_SECONDS, so a
      // slow receiver delays other deliveries by that much at worst, and rotation not at all.
      { queue: QUEUES.deliverWebhook, workers: WEBHOOK_WORKERS, handler: deliverWebhookJob },
      { queue: QUEUES.webhookGaveUp, workers: 1, handler: webhookGaveUpJob },
    ],
    [() => scheduleSyncs(), () => oncePerInterval(QUEUES.planRotations, env.ROTATION_PLAN_SECONDS, () => [{ key: "cluster", payload: { v: 1 as const } }])],
  );
}

export const stopBackgroundWork = stopJobSystem;
