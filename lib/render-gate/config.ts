// Settings of the page render gate (gate.ts), validated with the rest of the environment (lib/env.ts).
import { z } from "zod";

export const renderGateEnvSchema = z.object({
  /**
   * Page requests (documents and RSC payloads) one console process renders at once; the others
   * wait in arrival order. Renders are CPU-bound on one JavaScript thread: more at once finish no
   * sooner, and each holds its objects until it ends (bench #7).
   */
  PAGE_RENDER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(4),
});
