"use client";

import { createContext, useCallback, useContext, useState, type ReactNode } from "react";

type Toast = { id: number; tone: "success" | "error" | "info"; text: string };

const TONES: Record<Toast["tone"], string> = { success: "bg-green-800", error: "bg-red-800", info: "bg-slate-800" };
const ToastContext = createContext<(tone: Toast["tone"], text: string) => void>(() => undefined);

/** Short confirmations, announced politely to screen readers, gone after a few seconds. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const show = useCallback((tone: Toast["tone"], text: string) => {
    const id = Date.now() + Math.random();
    setToasts((list) => [...list, { id, tone, text }]);
    setTimeout(() => setToasts((list) => list.filter((t) => t.id !== id)), 6000);
  }, []);
  return (
    <ToastContext.Provider value={show}>
      {children}
      <div aria-live="polite" role="status" className="fixed bottom-4 right-4 z-50 space-y-2">
        {toasts.map((toast) => (
          <p key={toast.id} className={`rounded-md px-4 py-2 text-sm text-white shadow-lg ${TONES[toast.tone]}`}>
            {toast.text}
          </p>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast() {
  return useContext(ToastContext);
}
