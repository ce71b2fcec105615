// How Flow Service shows a connection's credentials, condensed to a hash: the auth spec, the access
// key id as Flow Service displays it (masked), and which secret params are set. Flow Service never
// returns secret values, so this cannot prove two credentials equal; it can show that they changed
// (a new key id, a secret added or removed), which is what a rotation's 412 needs to know.
import { createHash } from "node:crypto";
import type { RemoteConnection } from "@/lib/flow-service/types";

export function credentialFingerprint(remote: Pick<RemoteConnection, "auth">): string {
  const view = {
    spec: remote.auth.specName,
    accessKey: typeof remote.auth.params.s3AccessKey === "string" ? remote.auth.params.s3AccessKey : null,
    secrets: [...remote.auth.secretParams].sort(),
  };
  return createHash("sha256").update(JSON.stringify(view)).digest("hex");
}
