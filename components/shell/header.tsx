import type { SessionUser } from "@/lib/auth/session";
import type { ActionResult } from "@/lib/actions/result";
import { SandboxSwitcher } from "./sandbox-switcher";
import { SignOutButton, SignOutEverywhereButton } from "./sign-out-button";

type HeaderProps = {
  user: SessionUser;
  sandbox: string;
  sandboxes: string[];
  switchSandbox: (sandbox: string) => Promise<ActionResult<{ sandbox: string }>>;
  signOutEverywhere: () => Promise<ActionResult<{ ended: number }>>;
};

export function Header({ user, sandbox, sandboxes, switchSandbox, signOutEverywhere }: HeaderProps) {
  return (
    <header className="flex items-center justify-between border-b border-slate-200 bg-white px-6 py-3">
      <SandboxSwitcher current={sandbox} sandboxes={sandboxes} switchSandbox={switchSandbox} />
      <div className="flex items-center gap-3" aria-label="User menu">
        <p className="text-right text-sm">
          <span className="block font-medium">{user.name}</span>
          <span className="block text-xs text-slate-600">
            {user.email} · <span data-testid="user-role">{user.role}</span>
          </span>
        </p>
        <SignOutEverywhereButton signOutEverywhere={signOutEverywhere} />
        <SignOutButton />
      </div>
    </header>
  );
}
