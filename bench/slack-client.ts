import { createHmac } from "node:crypto";
import { Agent, request } from "node:http";

/** A form encoded once: a load phase builds its submissions before it starts sending and timing them. */
export function formBody(form: Record<string, string>): string {
  return new URLSearchParams(form).toString();
}

/** Signed Slack deliveries over keep-alive sockets: lighter than fetch, so the load generator costs less CPU. */
export class SlackSender {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 128 });
  private readonly url: URL;

  constructor(baseUrl: string, private readonly secret: string) {
    this.url = new URL("/slack/events", baseUrl);
  }

  /** Posts a form; resolves with the status and the time to the full answer, in ms. */
  send(form: Record<string, string>): Promise<{ status: number; ms: number; body: string }> {
    return this.sendBody(formBody(form));
  }

  /** As `send`, with the form already encoded (`formBody`); signed now, as Slack signs each delivery. */
  sendBody(body: string): Promise<{ status: number; ms: number; body: string }> {
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = `v0=${createHmac("sha256", this.secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const req = request(
        this.url,
        {
          method: "POST",
          agent: this.agent,
          headers: { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body), "x-slack-request-timestamp": timestamp, "x-slack-signature": signature },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, body: Buffer.concat(chunks).toString("utf8") }));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
