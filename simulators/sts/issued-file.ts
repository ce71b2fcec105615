/**
 * The credentials the STS simulator issued, kept in a file of the local stack's data folder. AWS
 * honours minted credentials until they expire, whatever happens to the caller; without this, a
 * restart of `npm start` would forget them, and the S3 test server would refuse the demo's
 * automatically rotated connection (Flow Service's explore and test failing) until its next
 * rotation. Simulated secrets only: nothing of the console's own is written here.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { z } from "zod";
import type { IssuedCredentials } from "./types";

// Typed against IssuedCredentials so that a field added there fails to compile here until the file keeps it too.
const issuedSchema: z.ZodType<IssuedCredentials> = z.object({
  accessKeyId: z.string(),
  secretAccessKey: z.string(),
  sessionToken: z.string(),
  expiration: z.coerce.date(),
  roleArn: z.string(),
  assumedRoleArn: z.string(),
  sessionName: z.string(),
  callerArn: z.string(),
  issuedAt: z.coerce.date(),
});
const fileSchema = z.object({ version: z.literal(1), issued: z.array(issuedSchema) });

export type IssuedFileOptions = {
  /** The file (created on the first issue). */
  path: string;
  /** The credential clock (the simulators' shared clock): what has expired is dropped. */
  now: () => number;
};

/**
 * Hands every unexpired credential of the file to `register` (the S3 bridge) at once, and returns
 * an onIssue hook that registers each new one and records it, before STS answers.
 */
export function rememberIssued(options: IssuedFileOptions, register: (credentials: IssuedCredentials) => void): (credentials: IssuedCredentials) => void {
  let kept = readIssued(options.path).filter((credentials) => credentials.expiration.getTime() > options.now());
  for (const credentials of kept) register(credentials);
  return (credentials) => {
    register(credentials);
    kept = [...kept.filter((known) => known.expiration.getTime() > options.now()), { ...credentials }];
    // Atomic: a crash leaves the previous file, never half of one.
    const temp = `${options.path}.tmp`;
    writeFileSync(temp, JSON.stringify({ version: 1, issued: kept }), { mode: 0o600 });
    renameSync(temp, options.path);
  };
}

/** The file's credentials; none when it is missing or unreadable (they then end early, as before a restart kept them). */
export function readIssued(path: string): IssuedCredentials[] {
  if (!existsSync(path)) return [];
  try {
    const parsed = fileSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
    return parsed.success ? parsed.data.issued : [];
  } catch {
    return [];
  }
}
