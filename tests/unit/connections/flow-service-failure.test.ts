// How a Flow Service failure reads in a form: S3's refusal of the stored credentials, which AEP
// quotes in an explore's 400, is named with what to do; other 400s keep Flow Service's wording.
import { describe, expect, it } from "vitest";
import { flowServiceFailure } from "@/lib/connections/errors";
import { FlowServiceError } from "@/lib/flow-service/errors";

// The shape of AEP's CONNECTOR-1308-400 detail for an explore whose stored token has expired.
const EXPIRED_DETAIL = JSON.stringify({
  type: "https://ns.adobe.com/aep/errors/CONNECTOR-1308-400",
  title: "Bad Request",
  status: 400,
  detail: "The request could not be processed. Error message: ErrorCode=AmazonS3OperationFailed,'Type=Microsoft.DataTransfer.Common.Shared.HybridDeliveryException,Message=Failure happened on 'Source' side. Amazon S3 returned ExpiredToken: The provided token has expired.,Source=Microsoft.DataTransfer.ClientLibrary,'",
});

const refused = (detail: string | undefined) => new FlowServiceError({ kind: "validation", requestId: "req-1", status: 400, detail });

describe("flowServiceFailure", () => {
  it("names S3's refusal of the stored credentials and what to do, with the request id", () => {
    expect(flowServiceFailure(refused(EXPIRED_DETAIL), "Listing the folder")).toEqual({
      ok: false,
      error: {
        code: "validation",
        message: "Amazon S3 refused the connection's stored credentials (ExpiredToken): its session token has expired. Rotate the session token, then try again.",
        requestId: "req-1",
      },
    });
    expect(flowServiceFailure(refused(EXPIRED_DETAIL.replace("ExpiredToken", "SignatureDoesNotMatch")), "Listing the folder")).toMatchObject({
      error: { message: expect.stringContaining("(SignatureDoesNotMatch): its secret access key does not match its access key id") },
    });
  });

  it("keeps Flow Service's own wording and field errors for any other 400", () => {
    const invalid = new FlowServiceError({ kind: "validation", requestId: "req-2", status: 400, detail: '{"title":"Bad Request","detail":"ExpiredTokens is not a code"}', fields: [{ field: "auth.params.bucketName", message: "is invalid" }] });
    expect(flowServiceFailure(invalid, "Creating the connection")).toMatchObject({
      ok: false,
      error: { code: "validation", message: "Flow Service rejected the request: Adobe Experience Platform rejected the request as invalid.", fields: { bucketName: "is invalid" }, requestId: "req-2" },
    });
    expect(flowServiceFailure(refused(undefined), "Listing the folder")).toMatchObject({ error: { message: expect.stringMatching(/^Flow Service rejected the request/) } });
  });
});
