import type { ReactNode } from "react";
import { Header } from "@/components/shell/header";
import { Sidebar } from "@/components/shell/sidebar";
import { requirePageUser } from "@/lib/auth/session";
import { countTokensNeedingRotation } from "@/lib/connections/inventory";
import { countNeedingPerson } from "@/lib/rotation-policy/upcoming";
import { availableSandboxes, currentSandbox } from "@/lib/sandbox/current";
import { Providers } from "./providers";
import { switchSandboxAction } from "./sandbox-actions";
import { signOutEverywhereAction } from "./session-actions";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser();
  const sandbox = await currentSandbox();
  const [needingRotation, needingPerson] = await Promise.all([countTokensNeedingRotation(sandbox), countNeedingPerson(sandbox)]);
  return (
    <Providers>
      <div className="flex min-h-screen">
        <Sidebar role={user.role} needingRotation={needingRotation} needingPerson={needingPerson} />
        <div className="flex min-w-0 flex-1 flex-col">
          <Header user={user} sandbox={sandbox} sandboxes={availableSandboxes()} switchSandbox={switchSandboxAction} signOutEverywhere={signOutEverywhereAction} />
          <main className="flex-1 px-6 py-6">{children}</main>
        </div>
      </div>
    </Providers>
  );
}
