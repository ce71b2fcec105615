"use client";

import type { ReactNode } from "react";
import { QueryClientSlot } from "@/components/ui/query-client-slot";
import { ToastProvider } from "@/components/ui/toast";

// No next-auth SessionProvider: pages read the session on the server, and sign-out needs none.
// No react-query provider either: components that query bring their own scope (QueryScope), which
// takes the console's one client from this slot.
export function Providers({ children }: { children: ReactNode }) {
  return (
    <QueryClientSlot>
      <ToastProvider>{children}</ToastProvider>
    </QueryClientSlot>
  );
}
