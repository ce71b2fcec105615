"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Re-reads the page every two seconds while some delivery is still queued, sending or retrying. */
export function RefreshWhileOpen({ open }: { open: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!open) return;
    const timer = setInterval(() => router.refresh(), 2_000);
    return () => clearInterval(timer);
  }, [open, router]);
  return null;
}
