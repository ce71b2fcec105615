"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { withQueryScope } from "@/components/ui/query-scope";
import type { ActionResult } from "@/lib/actions/result";

export type ExploreItemView = { type: string; name: string; path: string };
export type ExploreAction = (remoteId: string, path: string | null) => Promise<ActionResult<{ items: ExploreItemView[]; requestId: string }>>;

type Crumb = { name: string; path: string };

/** An action failure as a thrown error, so react-query's error state carries its safe message. */
class ListingError extends Error {
  constructor(
    message: string,
    readonly requestId?: string,
  ) {
    super(message);
  }
}

/**
 * Browses the connection's bucket through Flow Service's explore API, one folder at a time. The
 * trail of opened folders is the breadcrumb, so going up needs no parsing of provider paths.
 */
export const FolderBrowser = withQueryScope(function FolderBrowser({ remoteId, rootLabel, explore }: { remoteId: string; rootLabel: string; explore: ExploreAction }) {
  const [trail, setTrail] = useState<Crumb[]>([]);
  const path = trail.at(-1)?.path ?? null;
  const listing = useQuery({
    // Listings hold names only (no secrets), so react-query may cache them per folder.
    queryKey: ["connection-explore", remoteId, path ?? "(root)"],
    queryFn: async () => {
      const result = await explore(remoteId, path);
      if (!result.ok) throw new ListingError(result.error.message, result.error.requestId);
      return result.data;
    },
    // The Flow Service client already retried safe calls; a second round only delays the error.
    retry: false,
  });
  const crumbs: { name: string; depth: number }[] = [{ name: rootLabel, depth: 0 }, ...trail.map((crumb, index) => ({ name: crumb.name, depth: index + 1 }))];

  return (
    <section aria-labelledby="folder-browser-heading" className="space-y-3">
      <h2 id="folder-browser-heading" className="text-lg font-semibold">
        Browse the bucket
      </h2>
      <nav aria-label="Folder path">
        <ol className="flex flex-wrap items-center gap-1 text-sm" data-testid="folder-breadcrumb">
          {crumbs.map((crumb) => (
            <li key={crumb.depth} className="flex items-center gap-1">
              {crumb.depth > 0 ? <span aria-hidden="true">/</span> : null}
              {crumb.depth === trail.length ? (
                <span aria-current="location" className="font-mono font-medium">
                  {crumb.name}
                </span>
              ) : (
                <button type="button" className="font-mono text-blue-700 underline hover:text-blue-900" onClick={() => setTrail((t) => t.slice(0, crumb.depth))}>
                  {crumb.name}
                </button>
              )}
            </li>
          ))}
        </ol>
      </nav>
      {listing.isPending ? (
        <p role="status" className="text-sm text-slate-600">
          Loading the folder…
        </p>
      ) : listing.isError ? (
        <Alert tone="error" title="Could not list this folder">
          <p>{listing.error.message}</p>
          {listing.error instanceof ListingError && listing.error.requestId ? (
            <p className="text-xs">
              Request id <code className="font-mono">{listing.error.requestId}</code>
            </p>
          ) : null}
          <Button variant="secondary" className="mt-2" onClick={() => void listing.refetch()}>
            Try again
          </Button>
        </Alert>
      ) : listing.data.items.length === 0 ? (
        <p className="text-sm text-slate-600">This folder is empty.</p>
      ) : (
        <ul className="max-w-4xl divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm" data-testid="folder-items">
          {listing.data.items.map((item) => (
            <li key={item.path} className="px-4 py-2">
              {item.type === "folder" ? (
                <button type="button" className="font-mono text-blue-700 underline hover:text-blue-900" aria-label={`Open folder ${item.name}`} onClick={() => setTrail((t) => [...t, { name: item.name, path: item.path }])}>
                  {item.name}/
                </button>
              ) : (
                <span className="font-mono">{item.name}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
});
