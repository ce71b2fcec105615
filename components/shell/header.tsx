import type { SessionUser } from "@/lib/auth/session";
import { SignOutButton } from "./sign-out-button";

export function Header({ user, sandbox }: { user: SessionUser; sandbox: string }) {
  return (
    <header className="flex items-center justify-between border-b border-slate-200 bg-white px-6 py-3">
      <p className="text-sm text-slate-700">
        Sandbox <span className="ml-1 rounded bg-slate-100 px-2 py-0.5 font-mono text-slate-900" data-testid="current-sandbox">{sandbox}</span>
      </p>
      <div className="flex items-center gap-3" aria-label="User menu">
        <p className="text-right text-sm">
          <span className="block font-medium">{user.name}</span>
          <span className="block text-xs text-slate-600">
            {user.email} · <span data-testid="user-role">{user.role}</span>
          </span>
        </p>
        <SignOutButton />
      </div>
    </header>
  );
}
