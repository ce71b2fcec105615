// The wizard's validation: each step's slice of the shared schemas (lib/connections/schemas.ts),
// and the full schema the server action uses too at the review step. Loaded by form.ts on the
// first validation, so zod is not part of the page's first load.
import { zodResolver } from "@hookform/resolvers/zod";
import type { Resolver } from "react-hook-form";
import { z } from "zod";
import { bucketCheckSchema, bucketLocationSchema, newConnectionSchema, PLATFORMS } from "@/lib/connections/schemas";
import type { WizardContext, WizardStep, WizardValues } from "./form";

const platformSchema = z.object({
  platform: z.enum(PLATFORMS, { message: "Choose where your Experience Platform runs." }),
});

function schemaFor(step: WizardStep, platform: WizardValues["platform"]): z.ZodType {
  switch (step) {
    case "platform":
      return platformSchema;
    case "bucket":
      return platform === "azure" ? bucketCheckSchema : bucketLocationSchema;
    case "access":
      return z.object({});
    case "review":
      return newConnectionSchema;
  }
}

export function resolverFor(step: WizardStep, platform: WizardValues["platform"]): Resolver<WizardValues, WizardContext> {
  return zodResolver(schemaFor(step, platform) as never) as unknown as Resolver<WizardValues, WizardContext>;
}
