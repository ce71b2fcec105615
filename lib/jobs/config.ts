// Settings of the job queue, validated with the rest of the environment (lib/env.ts).
import { z } from "zod";

export const jobsEnvSchema = z.object({
  /**
   * How long a job may stay active before it is considered abandoned (its instance crashed or was
   * killed) and any instance retries it. Longer than the slowest legitimate job.
   */
  JOB_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(3_600).default(120),
  /** Rotations in flight per sandbox, across every console instance sharing the database. */
  ROTATION_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  /** First wait before a failed job is tried again; it doubles with each attempt. */
  JOB_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(600).default(5),
  /** Connections of the queue's own pool in each process (fetching, completing, scheduling). */
  JOBS_POOL_SIZE: z.coerce.number().int().min(2).max(50).default(4),
});

export type JobsEnv = z.infer<typeof jobsEnvSchema>;
