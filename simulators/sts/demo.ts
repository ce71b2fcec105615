/**
 * Demo fixture of the local STS simulator. Every credential here is fake and
 * only valid against the local simulators.
 */
import type { StsCaller, StsRole, StsSimulatorOptions } from "./types";

export const DEMO_STS_DEFAULT_PORT = 4570;
export const DEMO_STS_REGION = "us-east-1";
export const DEMO_STS_ACCOUNT_ID = "000000000000";

/** The console server's own AWS identity (what the SDK's credential chain finds locally). */
export const DEMO_CONSOLE_ACCESS_KEY_ID = "AKIACONSOLELOCAL0001";
export const DEMO_CONSOLE_SECRET_ACCESS_KEY = "console-local-secret-change-me";
export const DEMO_CONSOLE_ARN = "arn:aws:iam::000000000000:user/s3-source-console";

/** Trusts the console; no external id required, sessions up to 12 hours. */
export const DEMO_ROTATION_ROLE_ARN = "arn:aws:iam::000000000000:role/aep-s3-rotation";
/** Trusts the console only with DEMO_EXTERNAL_ID (the sts:ExternalId condition). */
export const DEMO_EXTERNAL_ID_ROLE_ARN = "arn:aws:iam::000000000000:role/aep-s3-rotation-external-id";
export const DEMO_EXTERNAL_ID = "aep-demo-external-id";
/** Trusts nobody: assuming it shows AccessDenied. */
export const DEMO_UNTRUSTED_ROLE_ARN = "arn:aws:iam::000000000000:role/aep-s3-untrusted";

export const DEMO_STS_CALLERS: Record<string, StsCaller> = {
  [DEMO_CONSOLE_ACCESS_KEY_ID]: { secretAccessKey: DEMO_CONSOLE_SECRET_ACCESS_KEY, arn: DEMO_CONSOLE_ARN },
};

export const DEMO_STS_ROLES: Record<string, StsRole> = {
  [DEMO_ROTATION_ROLE_ARN]: { trustedCallers: [DEMO_CONSOLE_ARN], maxSessionDuration: 43_200 },
  [DEMO_EXTERNAL_ID_ROLE_ARN]: { trustedCallers: [DEMO_CONSOLE_ARN], externalId: DEMO_EXTERNAL_ID },
  [DEMO_UNTRUSTED_ROLE_ARN]: { trustedCallers: [] },
};

/** Options for startStsSimulator with the demo callers and roles (add port, onIssue... as needed). */
export function demoStsSimulatorOptions(overrides: Partial<StsSimulatorOptions> = {}): StsSimulatorOptions {
  return { callers: { ...DEMO_STS_CALLERS }, roles: { ...DEMO_STS_ROLES }, ...overrides };
}
