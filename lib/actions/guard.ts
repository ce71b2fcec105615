// The last line of defence of every server action: an unexpected error (the database going away,
// a bug) becomes a typed, generic failure instead of a stack trace in the browser. The log line
// carries the error's name and message only; domain code never puts secrets in either.
import "server-only";
import { fail, type ActionResult } from "./result";

export async function guardAction<T>(name: string, run: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await run();
  } catch (error) {
    // Next uses thrown errors for redirect() and notFound(): let those through.
    if (error && typeof error === "object" && "digest" in error && String((error as { digest: unknown }).digest).startsWith("NEXT_")) throw error;
    const kind = error instanceof Error ? error.name : typeof error;
    console.error(`[action ${name}] failed: ${kind}: ${error instanceof Error ? error.message.split("\n")[0] : ""}`);
    const database = /prisma|database|ECONNREFUSED|connection/i.test(`${kind} ${error instanceof Error ? error.message : ""}`);
    return fail("internal", database ? "The console's database is not available right now. Nothing was changed; try again in a moment." : "Something went wrong on the console's side. Nothing was changed; try again.");
  }
}
