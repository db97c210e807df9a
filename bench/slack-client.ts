import { createHmac } from "node:crypto";
import { connect, type Socket } from "node:net";

/**
 * A form encoded once, as bytes: a load phase builds its submissions before it starts sending and
 * timing them. Bytes, not the string: URLSearchParams builds its string as a rope, which V8 copied
 * flat again at every signing and every write.
 */
export function formBody(form: Record<string, string>): Buffer {
  return Buffer.from(new URLSearchParams(form).toString());
}

export interface SlackAnswer {
  status: number;
  ms: number;
  body: string;
}

/**
 * Signed Slack deliveries, as HTTP/1.1 over keep-alive sockets, one request at a time on each, as
 * Slack sends them. Written on `net` sockets, not `node:http`: the load generator shares the two
 * cores with the bot, and node:http's client cost it more CPU per request. It reads the answers the
 * web gives (a Content-Length, or chunked), and closes a socket the server closes.
 */
export class SlackSender {
  /** As node:http's agent had it: more requests than this wait here, in order, for a free socket (the open loop would otherwise open thousands). */
  static readonly MAX_SOCKETS = 128;
  private readonly idle: Socket[] = [];
  private readonly open = new Set<Socket>();
  private readonly waiting: (() => void)[] = [];
  private busy = 0;
  private readonly host: string;
  private readonly port: number;
  private readonly hostHeader: string;

  constructor(baseUrl: string, private readonly secret: string) {
    const url = new URL(baseUrl);
    this.host = url.hostname;
    this.port = Number(url.port || 80);
    this.hostHeader = url.host;
  }

  /** Posts a form; resolves with the status and the time to the full answer, in ms. */
  send(form: Record<string, string>): Promise<SlackAnswer> {
    return this.sendBody(formBody(form));
  }

  /** As `send`, with the form already encoded (`formBody`); signed now, as Slack signs each delivery. */
  sendBody(body: Buffer): Promise<SlackAnswer> {
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = `v0=${createHmac("sha256", this.secret).update(`v0:${timestamp}:`).update(body).digest("hex")}`;
    const head =
      `POST /slack/events HTTP/1.1\r\nHost: ${this.hostHeader}\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
      `Content-Length: ${body.length}\r\nX-Slack-Request-Timestamp: ${timestamp}\r\nX-Slack-Signature: ${signature}\r\n\r\n`;
    const started = performance.now();
    return this.socketFree().then(() => this.exchange(head, body, started));
  }

  close(): void {
    for (const socket of this.open) socket.destroy();
    this.idle.length = 0;
  }

  private socketFree(): Promise<void> {
    if (this.busy < SlackSender.MAX_SOCKETS) {
      this.busy++;
      return Promise.resolve();
    }
    // The socket is handed over as it is freed: `busy` stays counted.
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.busy--;
  }

  private exchange(head: string, body: Buffer, started: number): Promise<SlackAnswer> {
    return new Promise((resolve, reject) => {
      const socket = this.idle.pop() ?? this.connect();
      const answer = new AnswerReader();
      const done = (error?: Error) => {
        socket.off("data", onData).off("close", onClose).off("error", onError);
        this.release();
        if (error) return reject(error);
        if (answer.keepAlive && !socket.destroyed) this.idle.push(socket);
        else socket.destroy();
        resolve({ status: answer.status, ms: performance.now() - started, body: answer.text() });
      };
      const onData = (chunk: Buffer) => {
        try {
          if (answer.read(chunk)) done();
        } catch (error) {
          socket.destroy();
          done(error as Error);
        }
      };
      const onClose = () => done(answer.closedAt() ? undefined : new Error("the server closed the connection before its answer was complete"));
      const onError = (error: Error) => done(error);
      socket.on("data", onData).on("close", onClose).on("error", onError);
      // One system call for both (writev).
      socket.cork();
      socket.write(head, "latin1");
      socket.write(body);
      socket.uncork();
    });
  }

  private connect(): Socket {
    const socket = connect({ host: this.host, port: this.port, noDelay: true });
    this.open.add(socket);
    socket.once("close", () => {
      this.open.delete(socket);
      const at = this.idle.indexOf(socket);
      if (at >= 0) this.idle.splice(at, 1);
    });
    // An idle socket's error (the server going away) is handled by its close.
    socket.on("error", () => {});
    return socket;
  }
}

/** One HTTP/1.1 answer, read as its bytes arrive: the status line, the headers, then the body. */
class AnswerReader {
  status = 0;
  keepAlive = true;
  private pending: Buffer = Buffer.alloc(0);
  private headerDone = false;
  private length: number | "chunked" | "until-close" = 0;
  private readonly parts: Buffer[] = [];

  /** Takes the next bytes; true once the answer is complete. */
  read(chunk: Buffer): boolean {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    if (!this.headerDone) {
      const end = this.pending.indexOf("\r\n\r\n");
      if (end < 0) return false;
      this.readHead(this.pending.subarray(0, end).toString("latin1"));
      this.pending = this.pending.subarray(end + 4);
      this.headerDone = true;
    }
    if (this.length === "until-close") return false;
    if (this.length === "chunked") return this.readChunks();
    if (this.pending.length < this.length) return false;
    this.parts.push(this.pending.subarray(0, this.length));
    return true;
  }

  /** The server closed the socket: complete only if the body was to run until the close. */
  closedAt(): boolean {
    if (this.length !== "until-close") return false;
    this.parts.push(this.pending);
    this.keepAlive = false;
    return true;
  }

  text(): string {
    return Buffer.concat(this.parts).toString("utf8");
  }

  private readHead(head: string): void {
    const [statusLine, ...lines] = head.split("\r\n");
    const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? "");
    if (!status) throw new Error(`not an HTTP answer: ${statusLine}`);
    this.status = Number(status[1]);
    this.length = "until-close";
    for (const line of lines) {
      const colon = line.indexOf(":");
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim().toLowerCase();
      if (name === "content-length") this.length = Number(value);
      else if (name === "transfer-encoding" && value.includes("chunked")) this.length = "chunked";
      else if (name === "connection" && value === "close") this.keepAlive = false;
    }
    if (this.length === "until-close") this.keepAlive = false;
  }

  /** Chunked: `size\r\n data\r\n` ... `0\r\n\r\n` (no trailers from the web). */
  private readChunks(): boolean {
    for (;;) {
      const lineEnd = this.pending.indexOf("\r\n");
      if (lineEnd < 0) return false;
      const size = parseInt(this.pending.subarray(0, lineEnd).toString("latin1"), 16);
      if (size === 0) return this.pending.length >= lineEnd + 4;
      if (this.pending.length < lineEnd + 2 + size + 2) return false;
      this.parts.push(this.pending.subarray(lineEnd + 2, lineEnd + 2 + size));
      this.pending = this.pending.subarray(lineEnd + 2 + size + 2);
    }
  }
}
