// Random and malformed payloads against every server action that takes input: always a typed
// result (never a throw, never an internal error), never a write to Flow Service or the database,
// and never a connection to an internal address (service URLs aimed at a counting listener, the
// database, cloud metadata and private ranges, in every spelling).
import "../support/next-request";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { connectionDataflowsAction, deleteConnectionAction, deleteImpactAction, editConnectionAction, exploreFolderAction, testConnectionAction } from "@/app/(console)/connections/[id]/actions";
import { dataflowsAfterRotationAction, rotateTokenAction, rotateWithStsAction, setRotationSourceAction } from "@/app/(console)/connections/actions";
import { checkBucketAction, createConnectionAction } from "@/app/(console)/connections/new/actions";
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
import { newConnectionSchema } from "@/lib/connections/schemas";
import { db } from "@/lib/db";
import { DEMO_ACCESS_KEY_ID, DEMO_BUCKET, DEMO_FOLDER } from "@/simulators/s3/demo";
import { startCountingListener, type CountingListener } from "../support/listener";
import { useTestServices } from "../support/use-test-services";
import { signInForTest } from "../support/next-request";
import { newTally, reportTally } from "./tally";

const tally = newTally("fuzzed server actions");

const tricky = fc.constantFrom(
  "\u202Eevil\u202C",
  "a\u0000b",
  "../../etc/passwd",
  "bucket/../../x",
  "x".repeat(300_000),
  "ＤＥＭＯ-bucket",
  "demo\u200Bbucket",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "s3://demo-aep-ingest/../x",
);
const value = fc.oneof(fc.anything(), tricky, fc.string({ unit: "grapheme", maxLength: 300 }));

// Service URLs aimed inside: a listener that counts connections ({port}), the database ({db}),
// cloud metadata, private ranges, and every odd spelling of loopback. The egress guard must
// refuse them all before connecting.
let internal: CountingListener;
const databasePort = new URL(inject("databaseUrl")).port;
const INTERNAL_URLS = [
  "http://127.0.0.1:{port}",
  "https://127.0.0.1:{port}",
  "http://localhost:{port}",
  "https://localhost:{port}",
  "http://[::1]:{port}",
  "http://0.0.0.0:{port}",
  "http://2130706433:{port}",
  "http://0177.0.0.1:{port}",
  "http://0x7f.1:{port}",
  "http://127.1:{port}",
  "http://0x7f000001:{port}",
  "https://[::ffff:127.0.0.1]:{port}",
  "https://[::ffff:7f00:1]:{port}",
  "https://[::127.0.0.1]:{port}",
  "https://[64:ff9b::7f00:1]:{port}",
  "https://[2002:7f00:1::]:{port}",
  "127.0.0.1:{port}",
  "localhost:{port}",
  "http://127.0.0.1:{db}",
  "http://169.254.169.254/",
  "https://169.254.169.254/latest/meta-data/",
  "http://[fd00:ec2::254]/",
  "https://10.0.0.1/",
  "https://192.168.1.1:9000",
  "https://100.64.0.1/",
  "https://[fe80::1]/",
];
const internalUrl = fc.constantFrom(...INTERNAL_URLS).map((url) => url.replace("{port}", String(internal.port)).replace("{db}", databasePort));
const pollution = fc.constantFrom('{"__proto__":{"polluted":true},"platform":"azure"}', '{"constructor":{"prototype":{"polluted":true}}}', '{"platform":"aws","__proto__":{"bucketName":"x"}}').map((text) => JSON.parse(text) as unknown);
const formLike = fc.record(
  {
    platform: fc.oneof(fc.constantFrom("azure", "aws", "gcp", ""), value),
    submissionId: fc.oneof(fc.uuid(), value),
    bucketName: fc.oneof(fc.constantFrom("demo-aep-ingest", "Bad_Name", "a", "192.168.0.1"), value),
    folderPath: value,
    s3AccessKey: value,
    s3SecretKey: value,
    s3SessionToken: value,
    serviceUrl: fc.oneof(fc.constantFrom("http://169.254.169.254/", "file:///etc/passwd", "javascript:alert(1)"), internalUrl, value),
    name: value,
    description: value,
  },
  { requiredKeys: [] },
);
// Webhook endpoint forms: every URL here breaks a rule (http off loopback, credentials, schemes).
const webhookLike = fc.record(
  {
    name: fc.oneof(fc.constantFrom("Ops", ""), value),
    url: fc.oneof(fc.constantFrom("http://169.254.169.254/latest", "http://10.0.0.1/hook", "https://user:pw@alerts.example.com/", "ftp://example.com/", "javascript:alert(1)", "//example.com"), value),
    events: fc.oneof(fc.array(fc.constantFrom("rotation.failed", "test", "nope", "")), value),
    format: fc.oneof(fc.constantFrom("json", "slack", "xml"), value),
    previous: fc.oneof(fc.constantFrom("expire-now", "keep-24h", "forever"), value),
  },
  { requiredKeys: [] },
);
const payload = fc.oneof(value, formLike, webhookLike, pollution, fc.uuid(), fc.boolean());

describe("fuzzing server actions", () => {
  const services = useTestServices();
  beforeAll(async () => {
    internal = await startCountingListener();
    await signInForTest("admin");
  });
  afterAll(async () => {
    await internal.close();
    reportTally(tally);
  });

  // A fuzzed payload is meant to be malformed, but the generators can compose a valid one: an AWS
  // form needs only a platform, a uuid, the demo bucket and a name (about 1 payload in 7,000, so 2 %
  // of runs). That is a real create, not a defect: such payloads are set aside for the action whose
  // schema they pass, so "nothing written" stays a claim about refused input.
  const malformedFor = (schema: { safeParse(input: unknown): { success: boolean } }) => payload.filter((input) => !schema.safeParse(input).success);
  const cases: [string, (input: unknown) => Promise<{ ok: boolean; error?: { code: string } }>, fc.Arbitrary<unknown>?][] = [
    ["createConnectionAction", (input) => createConnectionAction(input), malformedFor(newConnectionSchema)],
    ["checkBucketAction", (input) => checkBucketAction(input)],
    ["rotateTokenAction", (input) => rotateTokenAction(input, input, input)],
    ["switchSandboxAction", (input) => switchSandboxAction(input)],
    ["rotateWithStsAction", (input) => rotateWithStsAction(input, input)],
    ["setRotationSourceAction", (input) => setRotationSourceAction(input, input)],
    ["testConnectionAction", (input) => testConnectionAction(input)],
    ["exploreFolderAction", (input) => exploreFolderAction(input, input)],
    ["editConnectionAction", (input) => editConnectionAction(input, input, input)],
    ["deleteConnectionAction", (input) => deleteConnectionAction(input, input, input)],
    ["endUserSessionsAction", (input) => endUserSessionsAction(input)],
    ["setUserDisabledAction", (input) => setUserDisabledAction(input, input)],
    ["setUserDisabledAction (flag)", (input) => setUserDisabledAction(input, true)],
    ["createWebhookEndpointAction", (input) => createWebhookEndpointAction(input)],
    ["updateWebhookEndpointAction", (input) => updateWebhookEndpointAction(input, input)],
    ["setWebhookEndpointEnabledAction", (input) => setWebhookEndpointEnabledAction(input, input)],
    ["rollWebhookSecretAction", (input) => rollWebhookSecretAction(input, input)],
    ["deleteWebhookEndpointAction", (input) => deleteWebhookEndpointAction(input)],
    ["sendTestWebhookAction", (input) => sendTestWebhookAction(input)],
    // Takes no argument: extra ones must be ignored. It ends the caller's sessions, so sign in again each run.
    ["signOutEverywhereAction", async (input) => {
      await signInForTest("admin");
      return (signOutEverywhereAction as (...args: unknown[]) => ReturnType<typeof signOutEverywhereAction>)(input, input);
    }],
    ["connectionDataflowsAction", (input) => connectionDataflowsAction(input)],
    ["deleteImpactAction", (input) => deleteImpactAction(input)],
    ["dataflowsAfterRotationAction", (input) => dataflowsAfterRotationAction(input)],
  ];

  for (const [name, call, inputs = payload] of cases) {
    it(`${name}: typed errors only, and nothing written`, async () => {
      services.flow.clearRequests();
      await signInForTest("admin");
      const before = await db.connection.count();
      const accountsBefore = await db.user.findMany({ orderBy: { id: "asc" }, select: { id: true, role: true, disabledAt: true } });
      const endpointsBefore = await db.webhookEndpoint.count();
      const alertsBefore = await db.alertEvent.count();
      await fc.assert(
        fc.asyncProperty(inputs, async (input) => {
          tally.fuzzed += 1;
          let result: { ok: boolean; error?: { code: string } } | undefined;
          try {
            result = await call(input);
          } catch {
            tally.serverErrorsOnFuzz += 1;
            return false;
          }
          if (!result.ok && result.error?.code === "internal") {
            tally.serverErrorsOnFuzz += 1;
            return false;
          }
          tally.internalHits = internal.connections();
          return internal.connections() === 0;
        }),
        { numRuns: 150 },
      );
      expect(await db.connection.count()).toBe(before);
      // No account was disabled, enabled or changed by a malformed request.
      expect(await db.user.findMany({ orderBy: { id: "asc" }, select: { id: true, role: true, disabledAt: true } })).toEqual(accountsBefore);
      // No endpoint registered or removed, no alert or test event recorded.
      expect(await db.webhookEndpoint.count()).toBe(endpointsBefore);
      expect(await db.alertEvent.count()).toBe(alertsBefore);
      const writes = services.flow.requests().filter((r) => r.method !== "GET");
      expect(writes).toEqual([]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  it("checkBucketAction: a valid form aimed at an internal address is refused on the service URL field, never connected", async () => {
    const form = fc.record({
      bucketName: fc.constantFrom(DEMO_BUCKET, "no-such-bucket-here", "demo-aep-ingest-2"),
      folderPath: fc.constantFrom("", DEMO_FOLDER, "exports"),
      s3AccessKey: fc.constantFrom(DEMO_ACCESS_KEY_ID, "AKIAFUZZFUZZFUZZ0001", "ASIAFUZZFUZZFUZZ0001"),
      // Valid enough to get past the local checks to the network, where the guard stands.
      s3SecretKey: fc.string({ minLength: 1, maxLength: 60 }).filter((secret) => secret.trim() === secret && secret !== ""),
      s3SessionToken: fc.constantFrom("", "FQoGZXIvYXdzEFUZZ"),
      sessionTokenExpiresAt: fc.constant(""),
      serviceUrl: internalUrl,
    });
    await fc.assert(
      fc.asyncProperty(form, async (input) => {
        tally.fuzzed += 1;
        const result = await checkBucketAction(input);
        tally.internalHits = internal.connections();
        if (internal.connections() !== 0) return false;
        // The form may refuse the URL itself (a path, say); otherwise the guard refuses it.
        if (!result.ok) {
          if (result.error.code === "internal") tally.serverErrorsOnFuzz += 1;
          return result.error.code === "validation";
        }
        const failure = result.data.passed ? undefined : result.data.failure;
        // Nothing learned from the target: only the refusal, shown on the field, blocking.
        return failure?.field === "serviceUrl" && failure.blocking && /^This address is not allowed: /.test(failure.message);
      }),
      { numRuns: 120 },
    );
    expect(internal.connections()).toBe(0);
  });
});
