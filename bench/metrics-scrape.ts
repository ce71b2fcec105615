// The console's own Prometheus endpoint, read by the bench with the token it gave the server.
// A failed read is not fatal: the row that wanted the figure goes without it.

/** Parses one scrape of /api/metrics; undefined when it cannot be read or parsed. */
export async function scrapeMetrics<T>(origin: string, token: string, parse: (text: string) => T | undefined): Promise<T | undefined> {
  try {
    const response = await fetch(`${origin}/api/metrics`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) return undefined;
    return parse(await response.text());
  } catch {
    return undefined;
  }
}
