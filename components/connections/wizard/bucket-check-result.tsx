import { Alert } from "@/components/ui/alert";

export type BucketCheckView =
  | { state: "idle" }
  | { state: "checking" }
  | { state: "passed"; region: string; endpoint: string; sample: string[]; notes: string[] }
  | { state: "failed"; operation?: string; message: string; fix?: string; blocking: boolean; field?: "serviceUrl" };

/** The live S3 check's outcome, worded to say what to fix. */
export function BucketCheckResult({ view }: { view: BucketCheckView }) {
  if (view.state === "idle") return null;
  if (view.state === "checking") return <p role="status" className="text-sm text-slate-700">Checking the bucket with S3…</p>;
  if (view.state === "passed") {
    return (
      <Alert tone="success" title="S3 accepted these credentials">
        <p>
          Bucket found in <strong>{view.region}</strong> ({view.endpoint}); the folder can be listed.
        </p>
        {view.sample.length ? (
          <p className="mt-1">
            First entries: <span className="font-mono text-xs">{view.sample.slice(0, 5).join(", ")}</span>
          </p>
        ) : (
          <p className="mt-1">The folder is empty.</p>
        )}
        {view.notes.map((note) => (
          <p key={note} className="mt-1">
            {note}
          </p>
        ))}
      </Alert>
    );
  }
  return (
    <Alert tone={view.blocking ? "error" : "warning"} title={view.field === "serviceUrl" ? "The console may not call this service URL" : view.operation ? `S3 check failed at ${view.operation}` : "S3 check failed"}>
      <p data-testid="bucket-check-message">{view.message}</p>
      {view.fix ? <p className="mt-1">{view.fix}</p> : null}
    </Alert>
  );
}
