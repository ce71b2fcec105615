// Runs in every integration test file before it imports app code: points lib/db at this run's
// database and gives lib/env the values it requires (none of them real credentials).
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.AUTH_SECRET ??= "integration-tests-secret-0123456789abcdef";
process.env.ADOBE_CLIENT_ID ??= "integration-client";
process.env.ADOBE_CLIENT_SECRET ??= "integration-secret";
process.env.ADOBE_ORG_ID ??= "INTEGRATION@AdobeOrg";
process.env.FLOW_SERVICE_URL ??= "http://127.0.0.1:9/data/foundation/flowservice";
// The logger writes JSON lines to stdout whatever runs the tests, so tests can read them back
// (support/log-capture.ts); below warn they would only crowd the test output (tests that read
// them lower the level themselves).
process.env.LOG_FORMAT = "json";
process.env.LOG_LEVEL ??= "warn";
