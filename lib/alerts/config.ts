// Settings of webhook delivery, validated with the rest of the environment (lib/env.ts).
import { z } from "zod";
import { RETRY_LIMITS } from "@/lib/jobs/queues";

export const alertsEnvSchema = z.object({
  /** Deadline of one delivery attempt: a slow receiver holds a worker no longer than this. */
  WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(60).default(10),
  /** Retries after the first attempt before a delivery is marked failed. */
  WEBHOOK_RETRY_LIMIT: z.coerce.number().int().min(0).max(20).default(RETRY_LIMITS["deliver-webhook"]),
  /** First retry delay; each further retry waits about twice as long (with jitter). */
  WEBHOOK_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3_600).default(10),
});

export type AlertsEnv = z.infer<typeof alertsEnvSchema>;
