/** Node's network error codes in plain words, for messages that say why a service was unreachable. */
export const NETWORK_WORDS: Readonly<Record<string, string>> = {
  ECONNREFUSED: "the connection was refused (nothing is listening there)",
  ENOTFOUND: "the host name does not exist",
  EAI_AGAIN: "the host name could not be resolved right now",
  ECONNRESET: "the connection was reset",
  EHOSTUNREACH: "the host is unreachable",
  ENETUNREACH: "the network is unreachable",
  ETIMEDOUT: "the connection timed out",
  EPROTO: "the TLS handshake failed",
  ERR_SSL_WRONG_VERSION_NUMBER: "the TLS handshake failed (is it really an https endpoint?)",
};

/** Replaces every occurrence of each secret (4+ characters) with "[redacted]". */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join("[redacted]");
  }
  return out;
}
