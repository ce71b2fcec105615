/**
 * Dataflow run errors come from AEP's copy engine and quote whatever the source said: S3 names
 * the access key it refused, an engine may echo a signed URL or a connection string. Before a
 * run's error text is kept or shown, everything that looks like a credential is removed. This
 * builds on redact.ts (known secret values, credential-named JSON members, bearer tokens) with
 * the shapes credentials take in free text.
 */
import { redactSecrets } from "./redact";

export const RUN_ERROR_MAX_CHARS = 1_000;
const R = "[REDACTED]";

const PATTERNS: [RegExp, string][] = [
  // PEM private keys, whole.
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, R],
  // XML elements that carry credentials (S3 echoes a refused token in <Token-0>).
  [/<(Token-\d+|SessionToken|SecretAccessKey|AccessKeyId|AWSAccessKeyId|Signature|Credential)>[^<]*<\/\1>/g, `<$1>${R}</$1>`],
  // user:password@ in URLs.
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+:[^\s/@]+@/gi, `$1${R}@`],
  // key=value / key: value pairs whose key names a credential (query strings, connection strings, logs).
  [
    /\b(password|passwd|pwd|secret|secret[-_ ]?access[-_ ]?key|aws_secret_access_key|client[-_ ]?secret|session[-_ ]?token|security[-_ ]?token|x-amz-security-token|x-amz-signature|x-amz-credential|signature|sig|credential|credentials|token|access[-_ ]?token|refresh[-_ ]?token|api[-_ ]?key|account[-_ ]?key|shared[-_ ]?access[-_ ]?signature|sas)(\s*[=:]\s*)("?)[^\s"',;&<)]+/gi,
    `$1$2$3${R}`,
  ],
  // JSON Web Tokens.
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, R],
  // AWS access key ids (long-term AKIA…, temporary ASIA…).
  [/\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, R],
];

/** Long base64/hex runs: STS session tokens (hundreds of characters), secret access keys (40). */
const RANDOM_RUN = /(?<![A-Za-z0-9/+=_-])[A-Za-z0-9/+]{40,}={0,2}(?![A-Za-z0-9/+=_-])/g;

/** A run of letters and digits is random-looking; a folder path ("archive/2025/…") is not. */
function looksRandom(run: string): boolean {
  if (!/\d/.test(run) || !/[A-Za-z]/.test(run)) return false;
  const slashes = run.split("/").length - 1;
  return run.length >= 100 || slashes <= 2;
}

/** The text with known secrets and credential-looking values replaced, then cut to a size. */
export function redactRunErrorText(text: string, known: readonly (string | undefined)[] = []): string {
  let out = redactSecrets(text, known);
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  out = out.replace(RANDOM_RUN, (run) => (looksRandom(run) ? R : run));
  return out.length > RUN_ERROR_MAX_CHARS ? `${out.slice(0, RUN_ERROR_MAX_CHARS)}…` : out;
}
