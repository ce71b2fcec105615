// The console's own page addresses, built in one place: links, redirects and revalidation must
// agree on them, or a revalidated path would miss the page a link opens. Ids come from Flow
// Service and the database, so they are encoded rather than trusted to be URL-safe.

/** The page of one connection, by its Flow Service id. */
export function connectionPath(remoteId: string): string {
  return `/connections/${encodeURIComponent(remoteId)}`;
}

/** The page of one rotation run. */
export function runPath(runId: string): string {
  return `/runs/${encodeURIComponent(runId)}`;
}
