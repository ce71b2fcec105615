// The audit log's address for one page of a filter: the filter stays in the URL, as the form set it.
import type { AuditFilter } from "./query";

export function auditHref(filter: AuditFilter, page: number): string {
  const params = new URLSearchParams();
  for (const key of ["actor", "action", "connection", "sandbox", "outcome"] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/audit?${query}` : "/audit";
}
