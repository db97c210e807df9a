import { createHmac } from "node:crypto";

/** Slack's request signature: v0= hex HMAC-SHA256 of `v0:{timestamp}:{raw body}`. */
export function slackSignature(body: string, timestamp: number, secret: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface DeliveryOptions {
  secret: string;
  /** Unix seconds; default now. */
  timestamp?: number;
  /** Sent instead of the right one (to see a forged request refused). */
  signature?: string;
}

async function deliver(url: string, body: string, contentType: string, { secret, timestamp = Math.floor(Date.now() / 1000), signature }: DeliveryOptions): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": contentType, "x-slack-request-timestamp": String(timestamp), "x-slack-signature": signature ?? slackSignature(body, timestamp, secret) },
    body,
  });
}

/** A slash command or an interaction (a form with `payload`), signed and posted as Slack posts them. */
export function deliverForm(eventsUrl: string, form: Record<string, string>, options: DeliveryOptions): Promise<Response> {
  return deliver(eventsUrl, new URLSearchParams(form).toString(), "application/x-www-form-urlencoded", options);
}

/** An Events API callback (JSON), signed like everything else. */
export function deliverJson(eventsUrl: string, body: unknown, options: DeliveryOptions): Promise<Response> {
  return deliver(eventsUrl, JSON.stringify(body), "application/json", options);
}
