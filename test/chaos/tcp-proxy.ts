import { connect, createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

/**
 * A TCP proxy on loopback in front of a server (Postgres): the app connects here instead. `block`
 * plays an outage: every open connection is cut, new ones are refused (closed at once) for a while,
 * then accepted again. The server behind is never touched, so other users of it see nothing.
 */
export class TcpProxy {
  port = 0;
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private blockedUntil = 0;
  /** While stalled: connections that carry nothing, and new ones held unanswered. */
  private stalled = false;
  private readonly held = new Set<Socket>();
  /** Connections cut or refused, for the figures. */
  cut = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<number> {
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this.port;
  }

  /** Cuts every connection and refuses new ones for `ms`. */
  block(ms: number): void {
    this.blockedUntil = Date.now() + ms;
    for (const socket of this.sockets) {
      socket.destroy();
      this.cut += 1;
    }
    this.sockets.clear();
  }

  get blocked(): boolean {
    return Date.now() < this.blockedUntil;
  }

  /**
   * A server that stops answering without closing anything (a network partition, a hung host): open
   * connections carry nothing more, new ones are accepted and left waiting, until `resume`.
   */
  stall(): void {
    this.stalled = true;
    for (const socket of this.sockets) socket.pause();
  }

  resume(): void {
    this.stalled = false;
    for (const socket of this.sockets) socket.resume();
    for (const client of this.held) this.forward(client);
    this.held.clear();
  }

  async stop(): Promise<void> {
    for (const socket of [...this.sockets, ...this.held]) socket.destroy();
    this.sockets.clear();
    this.held.clear();
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  private accept(client: Socket): void {
    if (this.blocked) {
      this.cut += 1;
      client.destroy();
      return;
    }
    if (this.stalled) {
      client.pause();
      client.on("error", () => client.destroy());
      this.held.add(client);
      return;
    }
    this.forward(client);
  }

  private forward(client: Socket): void {
    client.resume();
    const upstream = connect(this.target.port, this.target.host);
    const pair = [client, upstream];
    for (const socket of pair) {
      this.sockets.add(socket);
      socket.setNoDelay(true);
      // Either side closing or failing closes the other: the app sees a dropped connection.
      socket.on("error", () => pair.forEach((s) => s.destroy()));
      socket.on("close", () => {
        this.sockets.delete(socket);
        pair.forEach((s) => s.destroy());
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  }
}

/** A started proxy in front of the Postgres of `databaseUrl`, and the same URL pointed at the proxy. */
export async function proxyInFront(databaseUrl: string): Promise<{ proxy: TcpProxy; url: string }> {
  const url = new URL(databaseUrl);
  const proxy = new TcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
  await proxy.start();
  url.hostname = "127.0.0.1";
  url.port = String(proxy.port);
  return { proxy, url: url.toString() };
}
