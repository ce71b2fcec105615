// The running console server's inspector, for the tools beside the suite (allocation-profile.ts,
// live-heap.ts): SIGUSR1 makes a Node process open it on 127.0.0.1:9229; the tools speak V8's
// protocol over its WebSocket and close it again when done, so the server goes on without an open
// debugging port. Node 20 needs --experimental-websocket for the WebSocket; Node 22 and later have it.
import { z } from "zod";

const INSPECTOR = "http://127.0.0.1:9229";

/** A minimal client of the inspector's protocol: calls answered by id. */
async function inspectorSession(url: string) {
  const socket = new WebSocket(url);
  // Node's WebSocket does not keep the process alive: without this, waiting for an answer with
  // nothing else scheduled ends the process (exit code 0, no output).
  const keepAlive = setInterval(() => undefined, 60_000);
  await new Promise((resolve, reject) => {
    socket.addEventListener("open", resolve, { once: true });
    socket.addEventListener(
      "error",
      () => {
        clearInterval(keepAlive);
        reject(new Error(`could not open the inspector's WebSocket at ${url}`));
      },
      { once: true },
    );
  });
  let nextId = 0;
  const waiting = new Map<number, (message: { result?: unknown; error?: { message: string } }) => void>();
  socket.addEventListener("message", (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } };
    if (message.id !== undefined) waiting.get(message.id)?.(message);
  });
  return {
    call(method: string, params: object = {}): Promise<unknown> {
      const id = (nextId += 1);
      return new Promise((resolve, reject) => {
        waiting.set(id, (message) => {
          waiting.delete(id);
          if (message.error) reject(new Error(`${method}: ${message.error.message}`));
          else resolve(message.result);
        });
        socket.send(JSON.stringify({ id, method, params }));
      });
    },
    /**
     * Closes the inspected process's inspector (its port with it) and ends the session. That call
     * gets no answer: the process drops the connection instead, awaited here for at most 2 s.
     */
    async closeInspector(): Promise<void> {
      const dropped = new Promise((resolve) => socket.addEventListener("close", resolve, { once: true }));
      socket.send(JSON.stringify({ id: (nextId += 1), method: "Runtime.evaluate", params: { expression: "process.getBuiltinModule('node:inspector').close()" } }));
      await Promise.race([dropped, new Promise((resolve) => setTimeout(resolve, 2_000))]);
      this.leave();
    },
    /** Ends the session and leaves the inspector as it is. */
    leave(): void {
      clearInterval(keepAlive);
      socket.close();
    },
  };
}

async function inspectorTarget(pid: number): Promise<string> {
  try {
    process.kill(pid, "SIGUSR1");
  } catch (error) {
    throw new Error(`could not signal process ${pid}: ${(error as { code?: string }).code === "ESRCH" ? "there is no such process" : String(error)}`);
  }
  const deadline = Date.now() + 5_000;
  for (;;) {
    try {
      const targets = z.array(z.object({ webSocketDebuggerUrl: z.string() })).parse(await (await fetch(`${INSPECTOR}/json/list`)).json());
      if (targets[0]) return targets[0].webSocketDebuggerUrl;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`process ${pid} opened no inspector at ${INSPECTOR} within 5 s (${error instanceof Error ? error.message : String(error)})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export type InspectorSession = Awaited<ReturnType<typeof inspectorSession>>;

/**
 * Opens `pid`'s inspector and a session on it. Another process may hold the port: the session is
 * checked to be `pid`'s before it is handed out, and another process's inspector is left alone.
 */
export async function attachInspector(pid: number): Promise<InspectorSession> {
  if (typeof WebSocket === "undefined") throw new Error("this Node has no WebSocket: run it with node --experimental-websocket (Node 20)");
  const session = await inspectorSession(await inspectorTarget(pid));
  const answered = (await session.call("Runtime.evaluate", { expression: "process.pid", returnByValue: true })) as { result: { value: unknown } };
  if (answered.result.value !== pid) {
    session.leave();
    throw new Error(`the inspector at ${INSPECTOR} belongs to process ${String(answered.result.value)}, not ${pid}`);
  }
  return session;
}
