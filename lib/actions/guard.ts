// The last line of defence of every server action: an unexpected error (the database going away,
// a bug) becomes a typed, generic failure instead of a stack trace in the browser. The log line
// carries the error through safeError (type, first message line, stack frames); domain code never
// puts secrets in a message.
import "server-only";
import { log } from "@/lib/log";
import { fail, type ActionResult } from "./result";

export async function guardAction<T>(name: string, run: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await run();
  } catch (error) {
    // Next uses thrown errors for redirect() and notFound(): let those through.
    if (error && typeof error === "object" && "digest" in error && String((error as { digest: unknown }).digest).startsWith("NEXT_")) throw error;
    const kind = error instanceof Error ? error.name : typeof error;
    log.error({ action: name, err: error }, "action threw an unexpected error");
    const database = /prisma|database|ECONNREFUSED|connection/i.test(`${kind} ${error instanceof Error ? error.message : ""}`);
    return fail("internal", database ? "The console's database is not available right now. Nothing was changed; try again in a moment." : "Something went wrong on the console's side. Nothing was changed; try again.");
  }
}
