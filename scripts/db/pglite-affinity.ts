// pglite-socket serves many client connections from one PGlite backend through a queue of single
// protocol messages. It keeps a connection's messages together inside a transaction, but not
// inside an extended-query sequence (Parse, Bind, Describe, Execute ... Sync): under concurrency
// another connection's Parse can replace the unnamed statement between one client's Parse and
// Bind, and a query then runs with someone else's parameters (seen as `invalid input syntax for
// type uuid: "prod"`). This replaces the queue's scheduler with one that also pins a connection
// from its first extended-protocol message to its Sync.
import type { PGlite } from "@electric-sql/pglite";

type QueuedMessage = { handlerId: number; message: Uint8Array; resolve(bytes: number): void; reject(error: unknown): void; onData(data: Uint8Array): void };
type QueryQueue = {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  db: PGlite;
  processQueue(): Promise<void>;
  clearQueueForHandler(handlerId: number): void;
};

const EXTENDED = new Set([0x50, 0x42, 0x44, 0x45, 0x43]); // Parse, Bind, Describe, Execute, Close
const SEQUENCE_END = new Set([0x53, 0x51, 0x58]); // Sync, Query, Terminate
/** A pinned connection that sends nothing for this long is released (it may have died mid-sequence). */
const PIN_TIMEOUT_MS = 10_000;

export function installSequenceAffinity(server: unknown): void {
  const queue = (server as { queryQueue?: QueryQueue }).queryQueue;
  if (!queue || !Array.isArray(queue.queue) || typeof queue.processQueue !== "function") {
    throw new Error("pglite-socket's query queue has changed shape: review scripts/db/pglite-affinity.ts");
  }
  let pinned: number | null = null;
  let pinTimer: NodeJS.Timeout | undefined;
  const unpin = () => {
    pinned = null;
    clearTimeout(pinTimer);
  };

  queue.processQueue = async function processQueue(): Promise<void> {
    if (queue.processing) return;
    queue.processing = true;
    try {
      while (queue.queue.length > 0) {
        const owner = pinned ?? (queue.db.isInTransaction() ? queue.lastHandlerId : null);
        const index = owner === null ? 0 : queue.queue.findIndex((item) => item.handlerId === owner);
        if (index === -1) break; // the owner's next message will restart processing
        const [item] = queue.queue.splice(index, 1) as [QueuedMessage];
        let bytes = 0;
        try {
          await queue.db.runExclusive(() =>
            queue.db.execProtocolRawStream(item.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (error) {
          unpin();
          item.reject(error);
          continue;
        }
        queue.lastHandlerId = item.handlerId;
        const type = item.message[0] ?? 0;
        if (SEQUENCE_END.has(type)) unpin();
        else if (EXTENDED.has(type)) {
          pinned = item.handlerId;
          clearTimeout(pinTimer);
          pinTimer = setTimeout(() => {
            unpin();
            void queue.processQueue();
          }, PIN_TIMEOUT_MS);
          pinTimer.unref();
        }
        item.resolve(bytes);
      }
    } finally {
      queue.processing = false;
    }
  };

  const clear = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = (handlerId: number) => {
    if (pinned === handlerId) unpin();
    clear(handlerId);
    void queue.processQueue();
  };
}
