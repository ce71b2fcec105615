/**
 * The "rotation source" of a connection: which IAM role the console assumes
 * to mint fresh S3 credentials for it (pure, browser-safe: forms use it too).
 *
 * The limits are STS's own AssumeRole limits, checked here so an operator
 * learns about a typo while typing instead of from a failed rotation.
 */
import { z } from "zod";

export const MIN_DURATION_SECONDS = 900;
export const MAX_DURATION_SECONDS = 43_200;

/** AssumeRole's RoleSessionName: 2–64 characters of [\w+=,.@-]. */
export const ROLE_SESSION_NAME_PATTERN = /^[\w+=,.@-]{2,64}$/;
const EXTERNAL_ID_CHARS = /^[\w+=,.@:/-]+$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
/** IAM path segments may use any printable ASCII except "/" (which separates them). */
const PATH_SEGMENT = /^[\x21-\x2E\x30-\x7E]+$/;
const PARTITIONS = ["aws", "aws-cn", "aws-us-gov"];
const EXAMPLE_ARN = "arn:aws:iam::123456789012:role/aep-s3-rotation";

/**
 * Explains what is wrong with a role ARN, or returns undefined when it is valid.
 * Each branch matches a mistake people actually make: pasting the role name,
 * a user ARN, or the assumed-role session ARN that CloudTrail shows.
 */
export function roleArnProblem(value: string): string | undefined {
  if (value === "") return `Enter the ARN of the IAM role to assume, e.g. ${EXAMPLE_ARN}.`;
  if (/\s/.test(value)) return "The role ARN must not contain spaces.";
  if (value.length > 2048) return "The role ARN is longer than the 2048 characters STS accepts.";
  if (!value.startsWith("arn:")) {
    return `This is not an ARN. Copy the role's ARN from its IAM Summary page, e.g. ${EXAMPLE_ARN} (not just the role name).`;
  }
  const parts = value.split(":");
  if (parts.length < 6) return `The role ARN is incomplete; it looks like ${EXAMPLE_ARN}.`;
  const [, partition, service, region, account] = parts as [string, string, string, string, string];
  const resource = parts.slice(5).join(":");
  if (!PARTITIONS.includes(partition)) return `Unknown partition "${partition}": use aws, aws-cn or aws-us-gov.`;
  if (service === "sts" && resource.startsWith("assumed-role/")) {
    return "This is the ARN of an assumed-role session, not of the role. Use the role ARN: arn:<partition>:iam::<account>:role/<name>.";
  }
  if (service !== "iam") return `This is an ARN of the "${service}" service; a role ARN starts with arn:${partition}:iam::.`;
  if (region !== "") return `IAM ARNs have no region: remove "${region}" (arn:${partition}:iam::<account>:role/<name>).`;
  if (!/^\d{12}$/.test(account)) return "The account ID in a role ARN is exactly 12 digits.";
  if (!resource.startsWith("role/")) {
    const kind = resource.split("/")[0] || "nothing";
    return `This ARN names ${kind === "nothing" ? "no resource" : `a ${kind}`}, not a role. Rotation assumes an IAM role: …:role/<name>.`;
  }
  const segments = resource.slice("role/".length).split("/");
  const name = segments.pop() ?? "";
  if (!ROLE_NAME.test(name)) {
    return "The role name must be 1–64 characters of letters, digits and + = , . @ _ -.";
  }
  if (segments.some((segment) => !PATH_SEGMENT.test(segment))) return "The role path contains an empty segment or an invalid character.";
  return undefined;
}

/** Form fields arrive as strings; blank means "not set". */
const blankToUndefined = (value: unknown) =>
  value === null || (typeof value === "string" && value.trim() === "") ? undefined : value;

const roleArnSchema = z.string({ error: "Enter the ARN of the IAM role to assume." }).trim().superRefine((value, ctx) => {
  const problem = roleArnProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

const externalIdSchema = z
  .string()
  .trim()
  .min(2, "The external ID must be at least 2 characters.")
  .max(1224, "The external ID must be at most 1224 characters.")
  .regex(EXTERNAL_ID_CHARS, "The external ID may contain only letters, digits and + = , . @ : / _ -.");

const durationSchema = z.coerce
  .number({ error: "The session duration must be a number of seconds." })
  .int("The session duration must be a whole number of seconds.")
  .min(MIN_DURATION_SECONDS, "The session duration must be at least 900 seconds (15 minutes).")
  .max(MAX_DURATION_SECONDS, "The session duration must be at most 43200 seconds (12 hours).");

export const rotationSourceSchema = z.object({
  roleArn: roleArnSchema,
  externalId: z.preprocess(blankToUndefined, externalIdSchema.optional()),
  durationSeconds: z.preprocess(blankToUndefined, durationSchema.optional()),
});

export type RotationSourceInput = z.input<typeof rotationSourceSchema>;
export type RotationSource = z.output<typeof rotationSourceSchema>;

export const SESSION_NAME_PREFIX = "s3-console-";
const FALLBACK_SESSION_NAME = "s3-source-console";

/**
 * A RoleSessionName derived from the connection's name. It shows up in the
 * assumed-role ARN and in CloudTrail, so it should tell an auditor which
 * connection the credentials were minted for.
 */
export function defaultSessionName(connectionName: string): string {
  const slug = connectionName
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // strip accents rather than turn them into dashes
    .replace(/[^\w+=,.@-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "");
  if (slug === "") return FALLBACK_SESSION_NAME;
  return `${SESSION_NAME_PREFIX}${slug}`.slice(0, 64).replace(/[-.]+$/, "");
}

export function isValidRoleSessionName(name: string): boolean {
  return ROLE_SESSION_NAME_PATTERN.test(name);
}
