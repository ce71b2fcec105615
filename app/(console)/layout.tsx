import type { ReactNode } from "react";
import { Header } from "@/components/shell/header";
import { Sidebar } from "@/components/shell/sidebar";
import { requirePageUser } from "@/lib/auth/session";
import { currentSandbox } from "@/lib/sandbox/current";
import { Providers } from "./providers";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser();
  const sandbox = await currentSandbox();
  return (
    <Providers>
      <div className="flex min-h-screen">
        <Sidebar role={user.role} />
        <div className="flex min-w-0 flex-1 flex-col">
          <Header user={user} sandbox={sandbox} />
          <main className="flex-1 px-6 py-6">{children}</main>
        </div>
      </div>
    </Providers>
  );
}
