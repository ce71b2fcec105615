"use client";

import { forwardRef, useState, type InputHTMLAttributes } from "react";
import { Input } from "./input";

/** A password-type input with a Show/Hide toggle. Never autocompleted or spell-checked. */
export const SecretInput = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement> & { label: string }>(function SecretInput(
  { label, ...props },
  ref,
) {
  const [revealed, setRevealed] = useState(false);
  return (
    <div className="flex gap-2">
      <Input ref={ref} type={revealed ? "text" : "password"} autoComplete="off" spellCheck={false} data-1p-ignore data-lpignore="true" {...props} />
      <button
        type="button"
        className="shrink-0 rounded-md border border-slate-300 bg-white px-3 text-xs font-medium text-slate-800 hover:bg-slate-100"
        aria-pressed={revealed}
        aria-label={`${revealed ? "Hide" : "Show"} ${label}`}
        onClick={() => setRevealed((r) => !r)}
      >
        {revealed ? "Hide" : "Show"}
      </button>
    </div>
  );
});
