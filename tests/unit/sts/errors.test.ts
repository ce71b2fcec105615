import { describe, expect, it } from "vitest";
import { OutboundRefusedError } from "@/lib/net/guard";
import { callerFromAccessDenied, describeStsError, redact, type FailureContext } from "@/lib/sts/errors";

const ROLE = "arn:aws:iam::123456789012:role/aep-s3-rotation";
const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const TOKEN = "FwoGZXIvYXdzEXAMPLETOKEN";

const ctx = (over: Partial<FailureContext> = {}): FailureContext => ({
  roleArn: ROLE,
  endpoint: "https://sts.eu-west-1.amazonaws.com",
  region: "eu-west-1",
  timeoutMs: 10_000,
  externalIdGiven: false,
  timedOut: false,
  aborted: false,
  secrets: [SECRET, TOKEN],
  ...over,
});

/** What the SDK throws for an STS error response. */
function serviceError(code: string, message: string, status = 400) {
  return Object.assign(new Error(message), { name: code, Code: code, $fault: "client", $metadata: { httpStatusCode: status } });
}

describe("describeStsError", () => {
  it("AccessDenied names the caller STS reported and the role's trust policy", () => {
    const error = serviceError(
      "AccessDenied",
      `User: arn:aws:iam::111122223333:user/console is not authorized to perform: sts:AssumeRole on resource: ${ROLE}`,
      403,
    );
    const failure = describeStsError(error, ctx());
    expect(failure.code).toBe("AccessDenied");
    expect(failure.message).toContain("arn:aws:iam::111122223333:user/console");
    expect(failure.message).toContain(ROLE);
    expect(failure.fix).toMatch(/aep-s3-rotation > Trust relationships/);
    expect(failure.message).not.toMatch(/external ID/);
  });

  it("AccessDenied mentions the external ID only when one was sent", () => {
    const failure = describeStsError(serviceError("AccessDenied", "Access denied", 403), ctx({ externalIdGiven: true }));
    expect(failure.message).toMatch(/external ID does not match/);
    expect(failure.message).toContain("The console's AWS identity is not allowed");
  });

  it.each([
    ["MalformedPolicyDocument", /policy attached/],
    ["PackedPolicyTooLarge", /policy attached/],
    ["RegionDisabledException", /not activated in region eu-west-1/],
    ["ExpiredToken", /own AWS credentials have expired/],
    ["InvalidClientTokenId", /does not recognise the console's own AWS access key/],
    ["SignatureDoesNotMatch", /secret access key does not match/],
    ["MissingAuthenticationToken", /unsigned/],
    ["Throttling", /temporarily unable/],
    ["SomethingNew", /refused to let the console assume/],
  ])("%s gets a specific message", (code, expected) => {
    const failure = describeStsError(serviceError(code, "service text"), ctx());
    expect(failure.code).toBe(code);
    expect(failure.message).toMatch(expected);
    expect(failure.fix.length).toBeGreaterThan(20);
  });

  it("a signature rejected for its date is a clock problem", () => {
    const failure = describeStsError(serviceError("SignatureDoesNotMatch", "Signature expired: 20260101T000000Z is now earlier than ..."), ctx());
    expect(failure.message).toMatch(/clock/);
  });

  it("ValidationError passes the detail through, scrubbed of secrets", () => {
    const error = serviceError("ValidationError", `Value '${SECRET}' at 'durationSeconds' failed to satisfy constraint`);
    const failure = describeStsError(error, ctx());
    expect(failure.message).toContain("durationSeconds");
    expect(failure.message).not.toContain(SECRET);
    expect(failure.fix).toMatch(/between 900 seconds and the role's maximum/);
    expect(describeStsError(serviceError("ValidationError", "externalId bad"), ctx()).fix).toMatch(/external ID/);
  });

  it("an empty credential chain says which variables or profile to set", () => {
    const error = Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" });
    const failure = describeStsError(error, ctx({ profile: "aep" }));
    expect(failure.code).toBe("NoConsoleCredentials");
    expect(failure.message).toContain('AWS_PROFILE is "aep"');
    expect(failure.fix).toMatch(/AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/);
    expect(failure.fix).toMatch(/AWS_PROFILE/);
  });

  it("network errors, also nested in causes, are an unreachable endpoint", () => {
    const nested = Object.assign(new Error("fetch failed"), { cause: Object.assign(new Error("getaddrinfo"), { code: "ENOTFOUND" }) });
    const failure = describeStsError(nested, ctx());
    expect(failure.code).toBe("EndpointUnreachable");
    expect(failure.message).toContain("https://sts.eu-west-1.amazonaws.com");
    expect(failure.message).toMatch(/host name does not exist/);
  });

  it("a refusal of the egress guard says the address is not allowed and names STS_ENDPOINT and OUTBOUND_ALLOW", () => {
    const refusal = new OutboundRefusedError("http://10.0.0.7:4570", "is a private network address");
    const failure = describeStsError(new Error("socket", { cause: refusal }), ctx({ endpoint: "http://10.0.0.7:4570" }));
    expect(failure).toEqual({
      code: "AddressNotAllowed",
      message: "This address is not allowed: http://10.0.0.7:4570 is a private network address.",
      fix: expect.stringMatching(/STS_ENDPOINT.*OUTBOUND_ALLOW/),
    });
  });

  it("a fired deadline is a timeout, a caller abort is a cancellation", () => {
    const abort = Object.assign(new Error("aborted"), { name: "AbortError" });
    expect(describeStsError(abort, ctx({ timedOut: true, timeoutMs: 2500 })).message).toMatch(/within 2.5 s/);
    expect(describeStsError(abort, ctx({ aborted: true })).code).toBe("Aborted");
  });

  it("never echoes the secret or token, whatever the service said", () => {
    for (const code of ["AccessDenied", "ValidationError", "SignatureDoesNotMatch", "Weird"]) {
      const failure = describeStsError(serviceError(code, `echo ${SECRET} ${TOKEN}`), ctx());
      expect(JSON.stringify(failure)).not.toContain(SECRET);
      expect(JSON.stringify(failure)).not.toContain(TOKEN);
    }
  });
});

describe("helpers", () => {
  it("callerFromAccessDenied reads STS's wording", () => {
    expect(callerFromAccessDenied("User: arn:aws:sts::1:assumed-role/r/s is not authorized to perform: x")).toBe("arn:aws:sts::1:assumed-role/r/s");
    expect(callerFromAccessDenied("Access denied")).toBeUndefined();
  });

  it("redact replaces every occurrence and ignores tiny values", () => {
    expect(redact("a SECRET b SECRET", ["SECRET", "ab"])).toBe("a [redacted] b [redacted]");
  });
});
