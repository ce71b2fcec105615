// Every server action against anonymous, viewer, operator and admin callers. A refused call must
// be refused before anything reaches Flow Service or the database.
import "../support/next-request";
import { afterAll, describe, expect, inject, it } from "vitest";
import { connectionDataflowsAction, deleteConnectionAction, deleteImpactAction, editConnectionAction, exploreFolderAction, testConnectionAction } from "@/app/(console)/connections/[id]/actions";
import { dataflowsAfterRotationAction, rotateTokenAction, rotateWithStsAction, setRotationSourceAction, startRunAction, syncNowAction, syncStatusAction } from "@/app/(console)/connections/actions";
import { cancelRunAction, listRunsAction, retryFailedAction, runProgressAction } from "@/app/(console)/runs/actions";
import { checkBucketAction, createConnectionAction, fetchIamRoleAction } from "@/app/(console)/connections/new/actions";
import { switchSandboxAction } from "@/app/(console)/sandbox-actions";
import { signOutEverywhereAction } from "@/app/(console)/session-actions";
import { endUserSessionsAction, setUserDisabledAction } from "@/app/(console)/settings/actions";
import {
  createWebhookEndpointAction,
  deleteWebhookEndpointAction,
  rollWebhookSecretAction,
  sendTestWebhookAction,
  setWebhookEndpointEnabledAction,
  updateWebhookEndpointAction,
} from "@/app/(console)/settings/webhooks/actions";
import type { Role } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { stopJobSystem } from "@/lib/jobs";
import { useTestServices } from "../support/use-test-services";
import { signInForTest } from "../support/next-request";

type Caller = Role | null;
const UNKNOWN_USER = "00000000-0000-4000-8000-000000000000";
const UNKNOWN_ENDPOINT = "00000000-0000-4000-8000-000000000001";
const ALL: Caller[] = [null, "viewer", "operator", "admin"];

const ACTIONS: { name: string; allowed: Role[]; call: () => Promise<{ ok: boolean; error?: { code: string } }> }[] = [
  { name: "checkBucketAction", allowed: ["operator", "admin"], call: () => checkBucketAction({}) },
  { name: "fetchIamRoleAction", allowed: ["operator", "admin"], call: () => fetchIamRoleAction() },
  { name: "createConnectionAction", allowed: ["operator", "admin"], call: () => createConnectionAction({}) },
  { name: "syncNowAction", allowed: ["operator", "admin"], call: () => syncNowAction() },
  { name: "rotateTokenAction", allowed: ["operator", "admin"], call: () => rotateTokenAction("unknown-id", {}) },
  { name: "switchSandboxAction", allowed: ["viewer", "operator", "admin"], call: () => switchSandboxAction("dev") },
  { name: "rotateWithStsAction", allowed: ["operator", "admin"], call: () => rotateWithStsAction("unknown-id") },
  { name: "setRotationSourceAction", allowed: ["operator", "admin"], call: () => setRotationSourceAction("unknown-id", null) },
  { name: "testConnectionAction", allowed: ["viewer", "operator", "admin"], call: () => testConnectionAction("unknown-id") },
  { name: "exploreFolderAction", allowed: ["viewer", "operator", "admin"], call: () => exploreFolderAction("unknown-id", "") },
  { name: "editConnectionAction", allowed: ["operator", "admin"], call: () => editConnectionAction("unknown-id", { name: "x", description: "" }) },
  { name: "deleteConnectionAction", allowed: ["admin"], call: () => deleteConnectionAction("unknown-id", "x") },
  { name: "syncStatusAction", allowed: ["viewer", "operator", "admin"], call: () => syncStatusAction("00000000-0000-4000-8000-000000000000") },
  { name: "startRunAction", allowed: ["operator", "admin"], call: () => startRunAction({ mode: "sts", selection: { kind: "ids", remoteIds: ["unknown-id"] } }) },
  { name: "runProgressAction", allowed: ["viewer", "operator", "admin"], call: () => runProgressAction("00000000-0000-4000-8000-000000000000", { page: 1 }) },
  { name: "listRunsAction", allowed: ["viewer", "operator", "admin"], call: () => listRunsAction(1) },
  { name: "cancelRunAction", allowed: ["operator", "admin"], call: () => cancelRunAction("00000000-0000-4000-8000-000000000000") },
  { name: "retryFailedAction", allowed: ["operator", "admin"], call: () => retryFailedAction("00000000-0000-4000-8000-000000000000", {}) },
  { name: "signOutEverywhereAction", allowed: ["viewer", "operator", "admin"], call: () => signOutEverywhereAction() },
  { name: "endUserSessionsAction", allowed: ["admin"], call: () => endUserSessionsAction(UNKNOWN_USER) },
  { name: "setUserDisabledAction", allowed: ["admin"], call: () => setUserDisabledAction(UNKNOWN_USER, true) },
  { name: "connectionDataflowsAction", allowed: ["viewer", "operator", "admin"], call: () => connectionDataflowsAction("unknown-id") },
  { name: "deleteImpactAction", allowed: ["viewer", "operator", "admin"], call: () => deleteImpactAction("unknown-id") },
  { name: "dataflowsAfterRotationAction", allowed: ["viewer", "operator", "admin"], call: () => dataflowsAfterRotationAction("unknown-id") },
  // A valid registration: allowed callers create it (and are audited), refused ones write nothing.
  { name: "createWebhookEndpointAction", allowed: ["admin"], call: () => createWebhookEndpointAction({ name: "Matrix", url: "https://alerts.example.com/hook", events: ["token.expired"], format: "json" }) },
  { name: "updateWebhookEndpointAction", allowed: ["admin"], call: () => updateWebhookEndpointAction(UNKNOWN_ENDPOINT, { name: "x", events: ["token.expired"], format: "json" }) },
  { name: "setWebhookEndpointEnabledAction", allowed: ["admin"], call: () => setWebhookEndpointEnabledAction(UNKNOWN_ENDPOINT, false) },
  { name: "rollWebhookSecretAction", allowed: ["admin"], call: () => rollWebhookSecretAction(UNKNOWN_ENDPOINT, { previous: "expire-now" }) },
  { name: "deleteWebhookEndpointAction", allowed: ["admin"], call: () => deleteWebhookEndpointAction(UNKNOWN_ENDPOINT) },
  { name: "sendTestWebhookAction", allowed: ["admin"], call: () => sendTestWebhookAction(UNKNOWN_ENDPOINT) },
];

describe(`server actions by role (${inject("databaseTarget")})`, () => {
  const services = useTestServices();
  afterAll(async () => {
    await stopJobSystem();
  });

  for (const action of ACTIONS) {
    for (const caller of ALL) {
      const allowed = caller !== null && action.allowed.includes(caller);
      it(`${action.name} as ${caller ?? "anonymous"} is ${allowed ? "allowed" : "refused"}`, async () => {
        await signInForTest(caller);
        services.flow.clearRequests();
        const auditBefore = await db.auditEvent.count();
        const endpointsBefore = await db.webhookEndpoint.count();
        const result = await action.call();
        if (allowed) {
          expect(["unauthenticated", "forbidden"]).not.toContain(result.error?.code);
        } else {
          expect(result).toMatchObject({ ok: false, error: { code: caller === null ? "unauthenticated" : "forbidden" } });
          expect(services.flow.requests()).toHaveLength(0);
          expect(await db.auditEvent.count()).toBe(auditBefore);
          expect(await db.webhookEndpoint.count()).toBe(endpointsBefore);
        }
      });
    }
  }
});
