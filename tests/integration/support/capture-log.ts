// Captures every line the console's logger writes, at every level, for tests that search the logs
// for secrets. Import it before any app module: lib/log keeps a logger already on globalThis
// (s3consoleLogger), so this one, writing to memory at every level, is the one it uses.
import { Writable } from "node:stream";
import pino from "pino";

export const capturedLog: string[] = [];

const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    capturedLog.push(chunk.toString("utf8"));
    done();
  },
});

// No redaction here: a secret handed to the logger at all is a leak this capture must see.
(globalThis as { s3consoleLogger?: pino.Logger }).s3consoleLogger = pino({ level: "trace", base: { service: "s3-source-console" } }, sink);
