"use client";

import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/result";

export type ConnectionTestView = { result: boolean; requestId: string; testedAt: string };

function RequestId({ id }: { id?: string }) {
  return id ? (
    <p className="text-xs">
      Request id <code className="font-mono" data-testid="test-request-id">{id}</code>
    </p>
  ) : null;
}

/** Asks Flow Service to reach the bucket with the credentials it holds; shows the verdict. */
export function TestConnectionButton({ remoteId, test }: { remoteId: string; test: (remoteId: string) => Promise<ActionResult<ConnectionTestView>> }) {
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<ActionResult<ConnectionTestView>>();
  return (
    <section aria-labelledby="connection-test-heading" className="space-y-3">
      <h2 id="connection-test-heading" className="text-lg font-semibold">
        Connection test
      </h2>
      <Button
        variant="secondary"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            setOutcome(undefined);
            setOutcome(await test(remoteId));
          })
        }
      >
        {pending ? "Testing…" : "Test connection"}
      </Button>
      {outcome?.ok && outcome.data.result ? (
        <Alert tone="success" title="Flow Service reached the bucket">
          <RequestId id={outcome.data.requestId} />
        </Alert>
      ) : outcome?.ok ? (
        <Alert tone="error" title="Flow Service could not reach the bucket with the stored credentials">
          <p>Rotate the credentials or check the bucket policy, then test again.</p>
          <RequestId id={outcome.data.requestId} />
        </Alert>
      ) : outcome ? (
        <Alert tone="error" title="The test did not run">
          <p>{outcome.error.message}</p>
          <RequestId id={outcome.error.requestId} />
        </Alert>
      ) : null}
    </section>
  );
}
