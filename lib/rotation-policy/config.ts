// Settings of zero-click rotation, validated with the rest of the environment (lib/env.ts).
import { z } from "zod";

export const rotationEnvSchema = z.object({
  /** How often the cluster looks for rotations that are due and tokens about to expire. */
  ROTATION_PLAN_SECONDS: z.coerce.number().int().min(1).max(3_600).default(60),
  /** token.expiring alerts: a token that will not be rotated automatically and expires within this many hours. */
  ALERT_EXPIRING_HOURS: z.coerce.number().int().min(1).max(720).default(24),
});
