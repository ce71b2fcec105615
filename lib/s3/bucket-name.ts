/**
 * Bucket name validation (pure, browser-safe: no Node or AWS SDK imports).
 *
 * Two rule sets apply to the bucket a user connects:
 *  - AWS's rules for general purpose buckets (length, characters, reserved
 *    prefixes and suffixes, no IP-address look-alikes, no adjacent dots).
 *  - Adobe Flow Service's rule from the S3 source documentation: only
 *    lowercase letters, digits and hyphens.
 *
 * How they combine: a name must pass both, so the stricter Flow Service rule
 * wins on dots. AWS accepts "my.bucket", but Flow Service's documented rule
 * does not, so a dot is reported as an error (rule "no-dots"), not a warning:
 * a connection that Flow Service would refuse is useless. We still also run
 * the AWS dot rules (adjacent dots, IP-address format) so the user sees every
 * reason at once rather than fixing one problem to discover the next.
 */

export type BucketNameProblem = { rule: string; message: string };

export type BucketNameResult = { ok: true } | { ok: false; problems: BucketNameProblem[] };

export const BUCKET_NAME_MIN_LENGTH = 3;
export const BUCKET_NAME_MAX_LENGTH = 63;

/** Reserved prefixes (AWS). "sthree-configurator" is covered by "sthree-". */
export const RESERVED_BUCKET_PREFIXES: readonly { prefix: string; reason: string }[] = [
  { prefix: "xn--", reason: "it is reserved for internationalized (Punycode) domain names" },
  { prefix: "sthree-", reason: "AWS reserves it (including sthree-configurator)" },
  { prefix: "amzn-s3-demo-", reason: "AWS reserves it for documentation examples" },
];

/** Reserved suffixes (AWS), each used by another kind of S3 resource. */
export const RESERVED_BUCKET_SUFFIXES: readonly { suffix: string; reason: string }[] = [
  { suffix: "-s3alias", reason: "it is reserved for access point aliases" },
  { suffix: "--ol-s3", reason: "it is reserved for Object Lambda Access Point aliases" },
  { suffix: ".mrap", reason: "it is reserved for Multi-Region Access Points" },
  { suffix: "--x-s3", reason: "it is reserved for directory buckets" },
  { suffix: "--table-s3", reason: "it is reserved for S3 table buckets" },
];

/** Characters AWS itself allows (before the Flow Service no-dots rule). */
const AWS_ALLOWED_CHAR = /^[a-z0-9.-]$/;
const ALNUM = /^[a-z0-9]$/;
/** AWS's own check: four dot-separated runs of digits, e.g. 192.168.5.4. */
const IP_ADDRESS_LIKE = /^\d+\.\d+\.\d+\.\d+$/;

/** Renders a character so invisible ones (space, tab, control) stay readable. */
function showChar(ch: string): string {
  if (ch === " ") return "space";
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return `control character U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  return `"${ch}"`;
}

function uniqueChars(chars: string[]): string[] {
  return [...new Set(chars)];
}

function listChars(chars: string[]): string {
  const shown = uniqueChars(chars).map(showChar);
  return shown.length <= 5 ? shown.join(", ") : `${shown.slice(0, 5).join(", ")} and ${shown.length - 5} more`;
}

/**
 * Checks a bucket name against every rule and returns all failures, each with
 * a stable rule id (for tests and UI keys) and a plain-English message.
 * Never throws, whatever the input (non-strings included).
 */
export function validateBucketName(name: unknown): BucketNameResult {
  if (typeof name !== "string") {
    return { ok: false, problems: [{ rule: "type", message: "The bucket name must be text." }] };
  }
  const problems: BucketNameProblem[] = [];
  const add = (rule: string, message: string) => problems.push({ rule, message });
  // Array.from splits by code point, so an emoji counts as one character.
  const chars = Array.from(name);

  if (chars.length === 0) {
    return { ok: false, problems: [{ rule: "required", message: "Enter a bucket name." }] };
  }
  if (chars.length < BUCKET_NAME_MIN_LENGTH || chars.length > BUCKET_NAME_MAX_LENGTH) {
    add(
      "length",
      `Bucket names must be between ${BUCKET_NAME_MIN_LENGTH} and ${BUCKET_NAME_MAX_LENGTH} characters long (this one has ${chars.length}).`,
    );
  }

  const uppercase = chars.filter((c) => c !== c.toLowerCase() && c.toLowerCase() !== c.toUpperCase());
  if (uppercase.length > 0) {
    add("lowercase", `Bucket names must be lowercase; found uppercase ${listChars(uppercase)}.`);
  }
  const whitespace = chars.filter((c) => /\s/u.test(c));
  if (whitespace.length > 0) {
    add("no-spaces", "Bucket names cannot contain spaces or other whitespace (check for a stray space when pasting).");
  }
  const other = chars.filter((c) => !AWS_ALLOWED_CHAR.test(c) && !uppercase.includes(c) && !/\s/u.test(c));
  if (other.length > 0) {
    const hasUnderscore = other.includes("_");
    add(
      "characters",
      `Bucket names can contain only lowercase letters, digits, and hyphens; found ${listChars(other)}.` +
        (hasUnderscore ? " Underscores are not allowed: use a hyphen instead." : ""),
    );
  }

  if (name.includes(".")) {
    // Stricter than AWS on purpose: see the file header.
    add(
      "no-dots",
      "Bucket names with dots (.) cannot be used here: Adobe's S3 source accepts only lowercase letters, digits, and hyphens (AWS allows dots, but they also break HTTPS virtual-hosted access).",
    );
  }
  if (name.includes("..")) {
    add("adjacent-dots", "Bucket names must not contain two adjacent dots (..).");
  }

  const first = chars[0] ?? "";
  const last = chars[chars.length - 1] ?? "";
  if (!ALNUM.test(first) || !ALNUM.test(last)) {
    const where = !ALNUM.test(first) && !ALNUM.test(last) ? "begin and end" : !ALNUM.test(first) ? "begin" : "end";
    const culprit = !ALNUM.test(first) ? first : last;
    add(
      "start-end",
      `Bucket names must begin and end with a lowercase letter or a digit; this one does not ${where} with one (${showChar(culprit)}).`,
    );
  }

  if (IP_ADDRESS_LIKE.test(name)) {
    add("ip-address", "Bucket names must not be formatted as an IP address (like 192.168.5.4).");
  }

  // Reserved prefixes/suffixes are compared case-insensitively: "XN--abc" is
  // already an error for uppercase, but naming the reserved prefix too helps
  // the user understand that lowercasing alone will not fix it.
  const lower = name.toLowerCase();
  for (const { prefix, reason } of RESERVED_BUCKET_PREFIXES) {
    if (lower.startsWith(prefix)) {
      add(`prefix-${prefix}`, `Bucket names must not start with "${prefix}": ${reason}.`);
    }
  }
  for (const { suffix, reason } of RESERVED_BUCKET_SUFFIXES) {
    if (lower.endsWith(suffix)) {
      add(`suffix-${suffix}`, `Bucket names must not end with "${suffix}": ${reason}.`);
    }
  }

  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}

/** Convenience for form libraries: the first message, or undefined when valid. */
export function bucketNameError(name: unknown): string | undefined {
  const result = validateBucketName(name);
  return result.ok ? undefined : result.problems.map((p) => p.message).join(" ");
}
