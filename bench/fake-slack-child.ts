import { fork, type ChildProcess } from "node:child_process";
import type { SlackCall } from "../src/local-workspace/workspace-types";
import type { FromFakeSlack, ToFakeSlack } from "./fake-slack-process";

/** The benchmark's side of its fake Slack (`fake-slack-process.ts`), which runs in a child process. */
export class FakeSlackChild {
  private nextId = 0;
  private readonly hosting = new Map<number, (fileId: string) => void>();

  private constructor(
    private readonly child: ChildProcess,
    readonly apiUrl: string,
    private readonly baseUrl: string,
  ) {}

  /**
   * Starts it; `onDecided` gets when each request's decision message arrived (by its order id, in
   * epoch ms), up to 100 ms after it did; `onCall` gets the bulk phase's steps.
   */
  static async start(token: string, requestsChannel: string, on: { onDecided: (orderId: string, at: number) => void; onCall: (call: SlackCall) => void }): Promise<FakeSlackChild> {
    const child = fork(new URL("./fake-slack-process.ts", import.meta.url).pathname, [token, requestsChannel], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
    const ready = await new Promise<Extract<FromFakeSlack, { type: "ready" }>>((resolve, reject) => {
      child.once("exit", (code) => reject(new Error(`the fake Slack process exited (${code}) before it was ready`)));
      child.on("message", (message: FromFakeSlack) => {
        if (message.type === "ready") resolve(message);
      });
    });
    const fake = new FakeSlackChild(child, ready.apiUrl, ready.baseUrl);
    child.on("message", (message: FromFakeSlack) => {
      if (message.type === "call") on.onCall(message.call);
      if (message.type === "decisions") for (const [orderId, at] of message.decided) on.onDecided(orderId, at);
      if (message.type === "hosted") fake.hosting.get(message.id)?.(message.fileId);
    });
    return fake;
  }

  get pid(): number {
    return this.child.pid!;
  }

  responseUrl(id: string): string {
    return `${this.baseUrl}/response/${id}`;
  }

  /** A file Slack hosts (an uploaded CSV), by its file id. */
  hostFile(name: string, content: string): Promise<string> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.hosting.set(id, resolve);
      this.send({ type: "hostFile", id, name, content });
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.send({ type: "stop" });
    await exited;
  }

  private send(message: ToFakeSlack): void {
    this.child.send(message);
  }
}
