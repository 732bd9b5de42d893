/**
 * pglite-socket 0.2.17 runs the messages of several client connections one at a time on PGlite's
 * single backend, switching client between any two messages unless a transaction is open. The
 * extended query protocol that node-postgres uses for every parameterised query (Parse, Bind,
 * Describe, Execute, then Sync) is several messages: switching in the middle lets another client's
 * Parse replace the unnamed statement a Bind then runs, so answers get crossed (seen here under the
 * job queue's load: a rate-limit upsert got another query's rows). This replaces the server's queue
 * processing with one that also keeps a client until its Sync, and that does not stall for good
 * after one failed message (the original leaves its `processing` flag set on an error).
 */

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  resolve(bytes: number): void;
  reject(error: unknown): void;
  onData(data: Uint8Array): void;
}

interface QueryQueue {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  db: {
    isInTransaction(): boolean;
    runExclusive<T>(fn: () => Promise<T>): Promise<T>;
    execProtocolRawStream(message: Uint8Array, options: { onRawData(data: Uint8Array): void }): Promise<unknown>;
  };
  processQueue(): Promise<void>;
  clearQueueForHandler(handlerId: number): void;
}

// Parse, Bind, Describe, Execute, Close, Flush: a Sync (or a simple Query) ends the sequence.
const EXTENDED_PROTOCOL_MESSAGES = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]);

export function keepExtendedQueriesTogether(server: unknown): void {
  const queue = (server as { queryQueue?: QueryQueue }).queryQueue;
  if (!queue || !Array.isArray(queue.queue) || typeof queue.processQueue !== "function") {
    throw new Error("pglite-socket's internals changed: re-check keepExtendedQueriesTogether before upgrading");
  }
  let midSequence = false;
  const clear = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = (handlerId: number) => {
    if (queue.lastHandlerId === handlerId) midSequence = false;
    clear(handlerId);
  };
  queue.processQueue = async function processQueue() {
    if (queue.processing || queue.queue.length === 0) return;
    queue.processing = true;
    try {
      while (queue.queue.length > 0) {
        const sticky = queue.lastHandlerId !== null && (midSequence || queue.db.isInTransaction());
        const index = sticky ? queue.queue.findIndex((q) => q.handlerId === queue.lastHandlerId) : 0;
        if (index === -1) break; // the client holding the backend has not sent its next message yet
        const [item] = queue.queue.splice(index, 1);
        let bytes = 0;
        try {
          await queue.db.runExclusive(() =>
            queue.db.execProtocolRawStream(item.message, {
              onRawData: (data) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (error) {
          item.reject(error);
          continue;
        }
        queue.lastHandlerId = item.handlerId;
        midSequence = EXTENDED_PROTOCOL_MESSAGES.has(item.message[0]);
        item.resolve(bytes);
      }
    } finally {
      queue.processing = false;
    }
  };
}
