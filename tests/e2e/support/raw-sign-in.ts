// A credentials sign-in attempt over a raw HTTP connection from a chosen loopback address
// (127.0.0.0/8 is all loopback on Linux), with any X-Forwarded-For the test wants to forge: the
// console then sees a TCP peer that no header can change.
import { request } from "node:http";

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

function send(url: string, options: { method: string; localAddress: string; headers: Record<string, string>; body?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const call = request(url, { method: options.method, localAddress: options.localAddress, headers: options.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    call.on("error", reject);
    call.end(options.body);
  });
}

function cookiePairs(answer: Answer): string[] {
  const set = answer.headers["set-cookie"] ?? [];
  return (Array.isArray(set) ? set : [set]).map((line) => line.split(";")[0]!);
}

/** The error code next-auth answered with (CredentialsSignin, Throttled…), or "ok". */
export async function attemptSignIn(origin: string, input: { email: string; password: string; from: string; forwardedFor?: string }): Promise<string> {
  const forged: Record<string, string> = input.forwardedFor ? { "x-forwarded-for": input.forwardedFor } : {};
  const csrf = await send(`${origin}/api/auth/csrf`, { method: "GET", localAddress: input.from, headers: forged });
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const body = new URLSearchParams({ csrfToken, email: input.email, password: input.password, json: "true", callbackUrl: `${origin}/connections` }).toString();
  const answer = await send(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    localAddress: input.from,
    headers: { ...forged, "content-type": "application/x-www-form-urlencoded", "content-length": String(Buffer.byteLength(body)), cookie: cookiePairs(csrf).join("; "), origin },
    body,
  });
  const { url } = JSON.parse(answer.body) as { url: string };
  return new URL(url).searchParams.get("error") ?? "ok";
}
