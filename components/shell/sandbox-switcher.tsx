"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import type { ActionResult } from "@/lib/actions/result";

export function SandboxSwitcher({ current, sandboxes, switchSandbox }: { current: string; sandboxes: string[]; switchSandbox: (sandbox: string) => Promise<ActionResult<{ sandbox: string }>> }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <label className="flex items-center gap-2 text-sm text-slate-700">
      Sandbox
      <select
        className="rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-sm text-slate-900"
        value={current}
        disabled={pending}
        data-testid="current-sandbox"
        onChange={(event) => {
          const sandbox = event.target.value;
          startTransition(async () => {
            const result = await switchSandbox(sandbox);
            if (result.ok) router.push("/connections");
            router.refresh();
          });
        }}
      >
        {sandboxes.map((sandbox) => (
          <option key={sandbox} value={sandbox}>
            {sandbox}
          </option>
        ))}
      </select>
    </label>
  );
}
