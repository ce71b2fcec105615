"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ComponentType, type ReactNode } from "react";
import { useQueryClientSlot, type QueryClientSlotValue } from "./query-client-slot";

// The console's query defaults. Secrets are never put in queries, so the browser's shared client may cache them.
const newConsoleQueryClient = () => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: 1 } } });

/**
 * react-query's provider around one component that queries, with the console's shared client
 * taken from the layout's slot (made there on first use). On the server, and outside the layout,
 * the client is the scope's own: no cache is shared between requests.
 */
export function QueryScope({ children }: { children: ReactNode }) {
  const slot = useQueryClientSlot();
  const [client] = useState(() => scopeClient(slot, typeof window !== "undefined"));
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

/** The client a scope uses: in the browser the slot's (made on first use), else one of its own. */
export function scopeClient(slot: QueryClientSlotValue | null, inBrowser: boolean): QueryClient {
  if (!slot || !inBrowser) return newConsoleQueryClient();
  slot.client ??= newConsoleQueryClient();
  return slot.client;
}

/** `Component` inside its own QueryScope: how a component that calls useQuery is exported. */
export function withQueryScope<P extends object>(Component: ComponentType<P>): ComponentType<P> {
  function Scoped(props: P) {
    return (
      <QueryScope>
        <Component {...props} />
      </QueryScope>
    );
  }
  Scoped.displayName = `WithQueryScope(${Component.displayName ?? Component.name})`;
  return Scoped;
}
