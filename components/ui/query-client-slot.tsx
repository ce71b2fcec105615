"use client";

import { createContext, useContext, useState, type ReactNode } from "react";
import type { QueryClient } from "@tanstack/react-query";

/**
 * Where the console's one QueryClient lives, made by the first component that asks for it
 * (`QueryScope`). The slot sits in the console layout so the client's cache lives as long as the
 * layout, as it did when the layout held react-query's provider; but react-query itself (8.6 KB
 * gzip of a page's first load) now comes only with a component that queries, in no first load.
 */
export type QueryClientSlotValue = { client?: QueryClient };

const QueryClientSlotContext = createContext<QueryClientSlotValue | null>(null);

export function QueryClientSlot({ children }: { children: ReactNode }) {
  const [slot] = useState<QueryClientSlotValue>(() => ({}));
  return <QueryClientSlotContext value={slot}>{children}</QueryClientSlotContext>;
}

/** The layout's slot; null outside the console layout (a test rendering one component alone). */
export function useQueryClientSlot(): QueryClientSlotValue | null {
  return useContext(QueryClientSlotContext);
}
