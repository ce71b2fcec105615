// The place a page render holds at the gate, reachable from inside the render. install.ts runs each
// admitted request's handler in this storage, so that a render about to wait on an outside system
// can give its place back instead of holding it idle.
//
// Why a render gives it back: the gate bounds the CPU work and the memory of renders that run at
// once. A connection's page sends its shell and then only waits, up to Flow Service's deadline, for
// its live column; holding a place meanwhile let four such pages against a slow Flow Service stop
// every other page of the process for up to 10 s.
import { AsyncLocalStorage } from "node:async_hooks";
import type { ServerResponse } from "node:http";
import type { Ticket } from "./gate";

type HeldPlace = { response: ServerResponse; ticket: Ticket; givingBack: boolean };

// On globalThis: the server's instrumentation and its pages are bundled apart, each with its own
// copy of this module, and both must see the one storage.
const shared = globalThis as unknown as { s3consoleRenderPlaces?: AsyncLocalStorage<HeldPlace> };
const places = (shared.s3consoleRenderPlaces ??= new AsyncLocalStorage<HeldPlace>());

/** Runs an admitted request's handler with its place reachable from the render. */
export function runHoldingPlace(response: ServerResponse, ticket: Ticket, handler: () => void): void {
  places.run({ response, ticket, givingBack: false }, handler);
}

/**
 * For a render that is about to wait on an outside system behind a Suspense boundary: its place at
 * the gate goes back once the page's shell is written (the first write to the response, and the
 * rest of that tick's writes), so the wait holds no place. What the render does after the wait, the
 * streamed part, is small and runs outside the gate. Does nothing outside a gated request (tests,
 * a server without the gate) and when called twice.
 */
export function givePlaceBackAfterShell(): void {
  const held = places.getStore();
  if (!held || held.givingBack) return;
  held.givingBack = true;
  const { response, ticket } = held;
  // Wrapped on this one response only, and restored on its first call: whatever write the response
  // has now (Next's compression wraps it too) still does the writing.
  const write = response.write;
  response.write = function writeThenGiveBack(this: ServerResponse, ...args: Parameters<ServerResponse["write"]>) {
    response.write = write;
    setImmediate(ticket.done);
    return write.apply(this, args);
  } as ServerResponse["write"];
}
