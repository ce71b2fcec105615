"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/actions/result";
import type { RollSecret } from "@/lib/alerts/endpoint-schema";
import { SecretOnce } from "./secret-once";

export type EndpointActions = {
  sendTest: (id: string) => Promise<ActionResult<{ eventId: string; name: string }>>;
  setEnabled: (id: string, enabled: boolean) => Promise<ActionResult<{ name: string; enabled: boolean; cancelled: number }>>;
  roll: (id: string, input: RollSecret) => Promise<ActionResult<{ name: string; secret: string; previousValidUntil: string | null }>>;
  remove: (id: string) => Promise<ActionResult<{ name: string }>>;
};

type Props = { endpoint: { id: string; name: string; enabled: boolean }; actions: EndpointActions };

/** The endpoint page's buttons: test, enable or disable, roll the secret, delete. */
export function EndpointControls({ endpoint, actions }: Props) {
  const router = useRouter();
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  const [rolled, setRolled] = useState<{ name: string; secret: string; previousValidUntil: string | null }>();
  const [previous, setPrevious] = useState<RollSecret["previous"]>("keep-24h");
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [error, setError] = useState<string>();

  const run = <T,>(work: () => Promise<ActionResult<T>>, onSuccess: (data: T) => void) =>
    startTransition(async () => {
      setError(undefined);
      const result = await work();
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      onSuccess(result.data);
    });

  return (
    <div className="max-w-3xl space-y-4">
      <div className="flex flex-wrap gap-2">
        <Button
          disabled={pending || !endpoint.enabled}
          onClick={() =>
            run(
              () => actions.sendTest(endpoint.id),
              () => {
                toast("success", `Test event queued for ${endpoint.name}; the log below shows its delivery.`);
                router.refresh();
              },
            )
          }
        >
          Send test event
        </Button>
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() =>
            run(
              () => actions.setEnabled(endpoint.id, !endpoint.enabled),
              (data) => {
                toast("success", data.enabled ? `${data.name} enabled.` : `${data.name} disabled${data.cancelled ? `; ${data.cancelled} pending deliver${data.cancelled === 1 ? "y" : "ies"} cancelled` : ""}.`);
                router.refresh();
              },
            )
          }
        >
          {endpoint.enabled ? "Disable" : "Enable"}
        </Button>
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}

      <section aria-labelledby="roll-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="roll-heading" className="text-base font-semibold">
          Roll the signing secret
        </h2>
        {rolled ? (
          <SecretOnce name={rolled.name} secret={rolled.secret} previousValidUntil={rolled.previousValidUntil} />
        ) : (
          <>
            <fieldset className="space-y-1 text-sm">
              <legend className="sr-only">When the current secret stops signing</legend>
              <label className="flex items-center gap-2">
                <input type="radio" name="previous" checked={previous === "keep-24h"} onChange={() => setPrevious("keep-24h")} />
                Keep signing with the current secret too for 24 hours (receivers switch without missing a delivery)
              </label>
              <label className="flex items-center gap-2">
                <input type="radio" name="previous" checked={previous === "expire-now"} onChange={() => setPrevious("expire-now")} />
                Stop using the current secret now (it leaked)
              </label>
            </fieldset>
            <Button variant="secondary" disabled={pending} onClick={() => run(() => actions.roll(endpoint.id, { previous }), (data) => setRolled(data))}>
              Roll secret
            </Button>
          </>
        )}
      </section>

      <section aria-labelledby="delete-heading" className="space-y-2 rounded-lg border border-red-300 bg-red-50/40 p-4">
        <h2 id="delete-heading" className="text-base font-semibold text-red-900">
          Delete this endpoint
        </h2>
        <p className="text-sm">It stops receiving alerts at once; its delivery log goes with it.</p>
        {confirmDelete ? (
          <div className="flex gap-2">
            <Button
              variant="danger"
              disabled={pending}
              onClick={() =>
                run(
                  () => actions.remove(endpoint.id),
                  (data) => {
                    toast("success", `${data.name} deleted.`);
                    router.push("/settings");
                  },
                )
              }
            >
              Yes, delete {endpoint.name}
            </Button>
            <Button variant="ghost" onClick={() => setConfirmDelete(false)}>
              Keep it
            </Button>
          </div>
        ) : (
          <Button variant="danger" onClick={() => setConfirmDelete(true)}>
            Delete endpoint
          </Button>
        )}
      </section>
    </div>
  );
}
