/**
 * Request bodies for the S3 test server: bounded reading, the payload hash
 * check that SigV4 leaves to the server, and aws-chunked decoding (used by
 * current SDKs for streamed uploads with trailing checksums).
 */
import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { errors } from "./xml";

export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? "0");
  if (declared > maxBytes) throw errors.entityTooLarge();
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    total += buf.length;
    if (total > maxBytes) throw errors.entityTooLarge();
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/**
 * Decodes an aws-chunked body: "<hex size>[;chunk-signature=…]\r\n<data>\r\n"
 * repeated, ending with a zero-size chunk and optional trailer lines.
 */
export function decodeAwsChunked(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = body.indexOf("\r\n", offset);
    if (lineEnd === -1) throw errors.invalidRequest("Malformed aws-chunked body: missing chunk header.");
    const header = body.subarray(offset, lineEnd).toString("latin1");
    const size = Number.parseInt(header.split(";")[0] ?? "", 16);
    if (!Number.isFinite(size) || size < 0) throw errors.invalidRequest("Malformed aws-chunked body: bad chunk size.");
    offset = lineEnd + 2;
    if (size === 0) return Buffer.concat(parts);
    if (offset + size > body.length) throw errors.invalidRequest("Malformed aws-chunked body: truncated chunk.");
    parts.push(body.subarray(offset, offset + size));
    offset += size + 2; // data, then CRLF
  }
}

/**
 * Checks the body against the declared x-amz-content-sha256 value and returns
 * the object bytes. Signed streaming (per-chunk signatures) is not supported:
 * the SDK only uses it when asked to, and a clear 501 beats a silent accept.
 */
export function verifyPayload(body: Buffer, payloadHash: string): Buffer {
  if (/^[0-9a-f]{64}$/.test(payloadHash)) {
    const actual = createHash("sha256").update(body).digest("hex");
    if (actual !== payloadHash) throw errors.contentSha256Mismatch();
    return body;
  }
  if (payloadHash === "UNSIGNED-PAYLOAD") return body;
  if (payloadHash === "STREAMING-UNSIGNED-PAYLOAD-TRAILER") {
    // This marker always comes with aws-chunked framing, whatever Content-Encoding says.
    return body.length > 0 ? decodeAwsChunked(body) : body;
  }
  if (payloadHash.startsWith("STREAMING-")) throw errors.notImplemented(`x-amz-content-sha256: ${payloadHash}`);
  throw errors.invalidArgument("x-amz-content-sha256 must be a SHA-256 hex digest, UNSIGNED-PAYLOAD or a streaming marker.");
}

/** Validates Content-MD5 when the client sent one. */
export function verifyContentMd5(body: Buffer, contentMd5: string | undefined): void {
  if (contentMd5 === undefined) return;
  if (createHash("md5").update(body).digest("base64") !== contentMd5) throw errors.badDigest();
}
