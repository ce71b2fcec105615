// A minimal Postgres wire-protocol client for tests that need exact control over message order
// (which real drivers never give): startup, then raw extended-protocol messages.
import { connect, type Socket } from "node:net";

function message(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, "latin1");
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}
const cstr = (text: string) => Buffer.from(`${text}\0`, "utf8");
const int16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeInt16BE(n);
  return b;
};
const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};

export const wire = {
  parse: (sql: string) => message("P", Buffer.concat([cstr(""), cstr(sql), int16(0)])),
  bind: (params: string[]) =>
    message("B", Buffer.concat([cstr(""), cstr(""), int16(0), int16(params.length), ...params.flatMap((p) => [int32(Buffer.byteLength(p)), Buffer.from(p)]), int16(0)])),
  execute: () => message("E", Buffer.concat([cstr(""), int32(0)])),
  sync: () => message("S", Buffer.alloc(0)),
};

export class WireClient {
  private buffer = Buffer.alloc(0);
  private waiters: (() => void)[] = [];
  private constructor(private readonly socket: Socket) {
    socket.on("data", (data: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, data]);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  static async open(port: number): Promise<WireClient> {
    const socket = connect(port, "127.0.0.1");
    await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
    const client = new WireClient(socket);
    const body = Buffer.concat([int32(196608), cstr("user"), cstr("postgres"), cstr("database"), cstr("postgres"), Buffer.from([0])]);
    socket.write(Buffer.concat([int32(body.length + 4), body]));
    await client.readyForQuery();
    return client;
  }

  send(...messages: Buffer[]): void {
    this.socket.write(Buffer.concat(messages));
  }

  /** Waits for ReadyForQuery ('Z') and returns everything received up to it, as text. */
  async readyForQuery(): Promise<string> {
    for (;;) {
      let offset = 0;
      while (offset + 5 <= this.buffer.length) {
        const type = String.fromCharCode(this.buffer[offset]!);
        const length = this.buffer.readInt32BE(offset + 1);
        if (offset + 1 + length > this.buffer.length) break;
        offset += 1 + length;
        if (type === "Z") {
          const text = this.buffer.subarray(0, offset).toString("latin1");
          this.buffer = this.buffer.subarray(offset);
          return text;
        }
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  close(): void {
    this.socket.end();
  }
}
