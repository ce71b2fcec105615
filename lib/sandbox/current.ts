// The sandbox the console is looking at, chosen in the header and kept in a cookie. Only sandboxes
// listed in CONSOLE_SANDBOXES are accepted, whatever the cookie says.
import "server-only";
import { cookies } from "next/headers";
import { serverEnv } from "@/lib/env";

export const SANDBOX_COOKIE = "console-sandbox";

export function availableSandboxes(): string[] {
  return serverEnv().CONSOLE_SANDBOXES;
}

export async function currentSandbox(): Promise<string> {
  const chosen = (await cookies()).get(SANDBOX_COOKIE)?.value;
  const sandboxes = availableSandboxes();
  return chosen && sandboxes.includes(chosen) ? chosen : sandboxes[0]!;
}
