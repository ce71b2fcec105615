// Rotation policies: the schemas shared by the forms (browser) and the actions (server).
import { z } from "zod";

/** What a connection follows when neither it nor its sandbox says otherwise. */
export const BUILT_IN_POLICY = { enabled: true, thresholdPercent: 25, minLeadMinutes: 15 } as const;

const percent = z.coerce.number({ error: "Enter a whole percentage." }).int("Enter a whole percentage.").min(5, "Rotate with at least 5 % of the lifetime left.").max(90, "Rotate with at most 90 % of the lifetime left.");
const leadMinutes = z.coerce.number({ error: "Enter a number of minutes." }).int("Enter whole minutes.").min(0, "The lead cannot be negative.").max(2_880, "The lead can be at most 48 hours (2,880 minutes).");
/** An empty field means "follow the sandbox default". */
const orDefault = <T extends z.ZodType>(schema: T) => z.union([z.literal("").transform(() => null), z.null(), schema]);

export const connectionPolicySchema = z.object({
  mode: z.enum(["inherit", "on", "off"], { error: "Choose whether this connection rotates automatically." }),
  thresholdPercent: orDefault(percent).default(null),
  minLeadMinutes: orDefault(leadMinutes).default(null),
});
export type ConnectionPolicyInput = z.input<typeof connectionPolicySchema>;
export type ConnectionPolicy = z.output<typeof connectionPolicySchema>;

export const sandboxPolicySchema = z.object({
  enabled: z.boolean(),
  thresholdPercent: percent,
  minLeadMinutes: leadMinutes,
});
export type SandboxPolicyInput = z.input<typeof sandboxPolicySchema>;
export type SandboxPolicy = z.output<typeof sandboxPolicySchema>;
