/**
 * Runtime guard for the modules that hold S3 secrets. We cannot import the
 * "server-only" marker here: the Flow Service simulator runs these modules in
 * plain Node (tsx), where that marker throws. A browser check does the job.
 */
export function assertServerSide(what: string): void {
  if (typeof window !== "undefined" && typeof (window as { document?: unknown }).document !== "undefined") {
    throw new Error(`${what} is server-only: it uses S3 credentials and must never run in the browser.`);
  }
}
