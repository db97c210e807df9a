import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as a fake saw it, body as raw text (signatures are over the exact bytes). */
export interface RawRequest {
  method: string;
  /** Path without the query. */
  path: string;
  /** Query string exactly as sent, without `?`. */
  rawQuery: string;
  headers: IncomingMessage["headers"];
  body: string;
}

/**
 * The loopback plumbing every provider fake shares: listen on 127.0.0.1:0, read the raw body,
 * answer, hang (to play a timeout), drop the connection, and stop cleanly with requests still open.
 * No test framework inside: benchmarks and chaos runs use the fakes too.
 */
export abstract class LoopbackFake {
  baseUrl = "";
  private server?: Server;
  private readonly held = new Set<ServerResponse>();
  private readonly timers = new Set<NodeJS.Timeout>();

  async start(): Promise<string> {
    if (this.server) return this.baseUrl;
    this.server = createServer((req, res) => void this.dispatch(req, res));
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const res of this.held) res.destroy();
    this.held.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  protected abstract handle(request: RawRequest, res: ServerResponse): void | Promise<void>;

  protected sendJson(res: ServerResponse, status: number, bodyText: string, headers: Record<string, string> = {}): void {
    if (res.writableEnded || res.destroyed) return;
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
    res.end(bodyText);
  }

  /**
   * Keeps the request open: the client sees a timeout. With `answer`, it is written after
   * `afterMs` if the client is still listening (an answer that arrives too late).
   */
  protected hold(res: ServerResponse, answer?: () => void, afterMs?: number): void {
    this.held.add(res);
    res.on("close", () => this.held.delete(res));
    if (answer && afterMs !== undefined) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (!res.destroyed) answer();
      }, afterMs);
      this.timers.add(timer);
    }
  }

  /** Drops the TCP connection without an answer (a reset after the request was read). */
  protected drop(res: ServerResponse): void {
    res.socket?.destroy();
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const body = await readBody(req);
      const url = req.url ?? "/";
      const q = url.indexOf("?");
      const path = q === -1 ? url : url.slice(0, q);
      const rawQuery = q === -1 ? "" : url.slice(q + 1);
      await this.handle({ method: req.method ?? "GET", path, rawQuery, headers: req.headers, body }, res);
    } catch (error) {
      // A bug in a fake must be loud, not look like a provider outage.
      this.sendJson(res, 599, JSON.stringify({ fakeError: error instanceof Error ? error.stack : String(error) }));
    }
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** JSON text in which the values marked with `bigNumber()` appear as bare number literals. */
export function jsonWithBareNumbers(value: unknown): string {
  return JSON.stringify(value).replace(/"\\u0000num:(-?\d+)"/g, "$1");
}

/** Marks a digit string to be written as a bare JSON number by `jsonWithBareNumbers`. */
export function bareNumber(digits: string): string {
  return `\u0000num:${digits}`;
}
