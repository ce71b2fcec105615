import { describe, expect, it } from "vitest";
import { redactRunErrorText, RUN_ERROR_MAX_CHARS } from "@/lib/flow-service/redact-run-error";

const SESSION_TOKEN = `FwoGZXIvYXdzEBYaDNQ3${"Ab1+/Cd2".repeat(30)}==`;
const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

describe("redactRunErrorText", () => {
  it.each([
    ["an access key id named by S3", "Amazon S3 returned InvalidAccessKeyId. AWSAccessKeyId: AKIAIOSFODNN7EXAMPLE.", "AKIAIOSFODNN7EXAMPLE"],
    ["a temporary access key id", "key ASIAQWERTYUIOPASDFGH was refused", "ASIAQWERTYUIOPASDFGH"],
    ["a secret access key", `aws_secret_access_key=${SECRET} in profile`, SECRET],
    ["a bare secret access key", `the secret ${SECRET} is wrong`, SECRET],
    ["a session token echoed in XML", `<Error><Code>ExpiredToken</Code><Token-0>${SESSION_TOKEN}</Token-0></Error>`, SESSION_TOKEN],
    ["a session token in a sentence", `token ${SESSION_TOKEN} expired`, SESSION_TOKEN],
    ["a presigned URL's signature", "GET https://b.s3.amazonaws.com/k?X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20260101&X-Amz-Signature=abcdef0123456789 failed", "abcdef0123456789"],
    ["a password in a connection string", "Server=db;User Id=etl;Password=Hunter2-secret;Encrypt=true", "Hunter2-secret"],
    ["user:password in a URL", "cannot reach sftp://loader:p4ssw0rd@files.example.com/in", "p4ssw0rd"],
    ["a bearer token", "Authorization: Bearer abc.def.ghi-123", "abc.def.ghi-123"],
    ["a JWT", "token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U rejected", "eyJhbGciOiJIUzI1NiJ9"],
    ["a credential-named JSON member", '{"sessionToken":"plain-looking-value","code":"2200"}', "plain-looking-value"],
    ["an Azure SAS signature", "https://acct.blob.core.windows.net/c?sv=2020&sig=Zm9vYmFyYmF6cXV4%3D&se=2026", "Zm9vYmFyYmF6cXV4"],
  ])("removes %s", (_label, text, secret) => {
    const out = redactRunErrorText(text);
    expect(out).not.toContain(secret);
    expect(out).toContain("[REDACTED]");
  });

  it("removes secret values it is told about, wherever they appear", () => {
    expect(redactRunErrorText("failed with pa55-word-xyz inside", ["pa55-word-xyz"])).toBe("failed with [REDACTED] inside");
  });

  it("keeps what a person needs to act: S3's code and message, the engine code, paths", () => {
    const text =
      "ErrorCode=AmazonS3OperationFailed,'Type=Microsoft.DataTransfer.Common.Shared.HybridDeliveryException,Message=Failure happened on 'Source' side. " +
      "Amazon S3 returned ExpiredToken: The provided token has expired.,Source=Microsoft.DataTransfer.ClientLibrary,' path /demo-aep-ingest/exports/2026/customers.csv archive/legacy/customers/january/orders/items";
    expect(redactRunErrorText(text)).toBe(text);
  });

  it("cuts long texts after redacting, so a secret at the cut cannot survive in part", () => {
    const text = `${"x".repeat(RUN_ERROR_MAX_CHARS - 10)} AKIAIOSFODNN7EXAMPLE ${"y".repeat(50)}`;
    const out = redactRunErrorText(text);
    expect(out.length).toBeLessThanOrEqual(RUN_ERROR_MAX_CHARS + 1);
    expect(out).not.toContain("AKIAIOSF");
  });
});
