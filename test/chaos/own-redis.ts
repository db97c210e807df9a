import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { Redis } from "ioredis";

/** A port nobody listens on just now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A redis-server of the suite's own, on its own port, keeping nothing on disk: `restart` kills it
 * (SIGKILL) and starts it again on the same port, empty, exactly what a Redis without persistence
 * looks like after a crash. The machine's Redis (6379) is never touched.
 */
export class OwnRedis {
  port = 0;
  restarts = 0;
  private child?: ChildProcess;

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<string> {
    if (!this.port) this.port = await freePort();
    this.child = spawn("redis-server", ["--port", String(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning"], { stdio: "ignore" });
    await this.waitForPing();
    return this.url;
  }

  /** Kills it without warning, waits `downMs`, and starts an empty one on the same port. */
  async restart(downMs = 1_000): Promise<void> {
    await this.kill();
    await new Promise((resolve) => setTimeout(resolve, downMs));
    await this.start();
    this.restarts += 1;
  }

  async stop(): Promise<void> {
    await this.kill();
  }

  /** Stops the server's process without closing anything (SIGSTOP): connections stay open and nothing is answered, until `unpause`. */
  pause(): void {
    this.child?.kill("SIGSTOP");
  }

  unpause(): void {
    this.child?.kill("SIGCONT");
  }

  /** SIGKILL now, synchronously (from an exit hook). */
  killNow(): void {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
  }

  private async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  }

  private async waitForPing(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const client = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      client.on("error", () => undefined);
      try {
        await client.connect();
        if ((await client.ping()) === "PONG") return;
      } catch {
        if (Date.now() > deadline) throw new Error(`redis-server on port ${this.port} did not answer in ${timeoutMs} ms`);
      } finally {
        client.disconnect();
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
