/**
 * The two STS actions the console needs, with STS's checks in STS's order:
 * parameter validation (ValidationError), then the trust policy
 * (AccessDenied), then the role's MaxSessionDuration.
 */
import { createHash, randomBytes } from "node:crypto";
import type { IssuedCredentials, StsCaller, StsRole } from "./types";
import { el, stsErrors } from "./xml";

type Params = Record<string, string>;

const SESSION_NAME = /^[\w+=,.@-]*$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]*$/;
const DEFAULT_DURATION = 3600;
/** Role chaining (a temporary identity assuming a role) is capped at one hour by STS. */
const CHAINED_MAX_DURATION = 3600;
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** Random upper-case id like AWS's (ASIA… for temporary keys, AROA… for role ids). */
function awsId(prefix: string, length = 20): string {
  const bytes = randomBytes(length);
  let out = prefix;
  for (let i = out.length; i < length; i++) out += BASE32[bytes[i]! % 32];
  return out;
}

/** A stable id for an ARN, so GetCallerIdentity returns the same UserId every time. */
function stableId(prefix: string, arn: string): string {
  const digest = createHash("sha256").update(arn).digest();
  let out = prefix;
  for (let i = 0; out.length < 21; i++) out += BASE32[digest[i]! % 32];
  return out;
}

function accountOf(arn: string): string {
  return arn.split(":")[4] ?? "";
}

/** STS's wording for a violated member constraint. */
function constraint(value: string, member: string, rule: string): string {
  return `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ${rule}`;
}

type AssumeRequest = { roleArn: string; sessionName: string; durationSeconds: number; externalId?: string };

function validateAssumeRole(params: Params): AssumeRequest {
  const roleArn = params.RoleArn;
  const sessionName = params.RoleSessionName;
  if (roleArn === undefined) throw stsErrors.validation("1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null");
  if (sessionName === undefined) {
    throw stsErrors.validation("1 validation error detected: Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null");
  }
  if (roleArn.length < 20 || roleArn.length > 2048) throw stsErrors.validation(constraint(roleArn, "roleArn", "Member must have length between 20 and 2048"));
  if (sessionName.length < 2 || sessionName.length > 64) {
    throw stsErrors.validation(constraint(sessionName, "roleSessionName", "Member must have length between 2 and 64"));
  }
  if (!SESSION_NAME.test(sessionName)) {
    throw stsErrors.validation(constraint(sessionName, "roleSessionName", "Member must satisfy regular expression pattern: [\\w+=,.@-]*"));
  }
  const durationText = params.DurationSeconds;
  const durationSeconds = durationText === undefined ? DEFAULT_DURATION : Number(durationText);
  if (!Number.isInteger(durationSeconds)) throw stsErrors.validation(constraint(String(durationText), "durationSeconds", "Member must be an integer"));
  if (durationSeconds < 900) {
    throw stsErrors.validation(constraint(String(durationSeconds), "durationSeconds", "Member must have value greater than or equal to 900"));
  }
  if (durationSeconds > 43200) {
    throw stsErrors.validation(constraint(String(durationSeconds), "durationSeconds", "Member must have value less than or equal to 43200"));
  }
  const externalId = params.ExternalId;
  if (externalId !== undefined) {
    if (externalId.length < 2 || externalId.length > 1224) {
      throw stsErrors.validation(constraint(externalId, "externalId", "Member must have length between 2 and 1224"));
    }
    if (!EXTERNAL_ID.test(externalId)) {
      throw stsErrors.validation(constraint(externalId, "externalId", "Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]*"));
    }
  }
  return { roleArn, sessionName, durationSeconds, ...(externalId !== undefined ? { externalId } : {}) };
}

function trusts(role: StsRole, caller: StsCaller): boolean {
  const [, partition] = caller.arn.split(":");
  const accountRoot = `arn:${partition}:iam::${accountOf(caller.arn)}:root`;
  return role.trustedCallers.some((principal) => principal === "*" || principal === caller.arn || principal === accountRoot);
}

/**
 * Validates, authorizes and mints. The returned credentials are not yet announced to onIssue.
 * `lifetimeSeconds` (tests) shortens the credentials' real life below the validated duration.
 */
export function assumeRole(
  params: Params,
  caller: StsCaller,
  roles: ReadonlyMap<string, StsRole>,
  now: Date,
  lifetimeSeconds?: number,
): IssuedCredentials {
  const request = validateAssumeRole(params);
  const role = roles.get(request.roleArn);
  // A missing role and an untrusted caller look the same from outside, as on AWS.
  if (!role || !trusts(role, caller)) throw stsErrors.accessDenied(caller.arn, request.roleArn);
  if (role.externalId !== undefined && request.externalId !== role.externalId) throw stsErrors.accessDenied(caller.arn, request.roleArn);
  const chained = caller.sessionToken !== undefined;
  const maxDuration = chained ? CHAINED_MAX_DURATION : (role.maxSessionDuration ?? DEFAULT_DURATION);
  if (request.durationSeconds > maxDuration) {
    throw stsErrors.validation(
      chained
        ? "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining."
        : "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
    );
  }
  const parts = request.roleArn.split(":");
  const roleName = request.roleArn.split("/").pop() ?? "";
  return {
    accessKeyId: awsId("ASIA"),
    secretAccessKey: randomBytes(30).toString("base64"),
    sessionToken: `FwoGZXIvYXdzE${randomBytes(96).toString("base64")}`,
    expiration: new Date(now.getTime() + Math.min(request.durationSeconds, lifetimeSeconds ?? Infinity) * 1000),
    roleArn: request.roleArn,
    assumedRoleArn: `arn:${parts[1]}:sts::${parts[4]}:assumed-role/${roleName}/${request.sessionName}`,
    sessionName: request.sessionName,
    callerArn: caller.arn,
    issuedAt: now,
  };
}

export function assumeRoleResultXml(issued: IssuedCredentials): string {
  const roleId = `${stableId("AROA", issued.roleArn)}:${issued.sessionName}`;
  return (
    `<Credentials>${el("AccessKeyId", issued.accessKeyId)}${el("SecretAccessKey", issued.secretAccessKey)}` +
    `${el("SessionToken", issued.sessionToken)}${el("Expiration", issued.expiration.toISOString())}</Credentials>` +
    `<AssumedRoleUser>${el("AssumedRoleId", roleId)}${el("Arn", issued.assumedRoleArn)}</AssumedRoleUser>`
  );
}

export function getCallerIdentityResultXml(caller: StsCaller): string {
  // IAM users have an AIDA… id; assumed-role sessions report "<role id>:<session>".
  const session = /:assumed-role\/([^/]+)\/(.+)$/.exec(caller.arn);
  const userId = session ? `${stableId("AROA", session[1]!)}:${session[2]}` : stableId("AIDA", caller.arn);
  return `${el("Arn", caller.arn)}${el("UserId", userId)}${el("Account", accountOf(caller.arn))}`;
}
