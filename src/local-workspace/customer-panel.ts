/**
 * Where the customer panel sends: the bot's intake webhook, and how a sender signs a body for it
 * (the intake adapter's signature, with the secret, handed over by the app's wiring).
 */
export interface CustomerIntake {
  url: string;
  sign(timestamp: number, body: string): string;
}

export interface CustomerDelivery {
  status: number;
  answer: unknown;
  /** The same delivery as a command anyone can paste (the signature is good for five minutes). */
  curl: string;
}

const shellQuote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/**
 * The "customer" panel's sender: a request from another system, signed as a real sender signs it, and posted to the bot's intake webhook over HTTP.
 */
export async function sendAsCustomer(intake: CustomerIntake, body: unknown, shownUrl = intake.url): Promise<CustomerDelivery> {
  const text = JSON.stringify(body);
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = intake.sign(timestamp, text);
  const res = await fetch(intake.url, { method: "POST", headers: { "content-type": "application/json", "x-refund-desk-timestamp": String(timestamp), "x-refund-desk-signature": signature }, body: text });
  const answerText = await res.text();
  let answer: unknown = answerText;
  try {
    answer = JSON.parse(answerText);
  } catch {
    // Not JSON: shown as it came.
  }
  const curl = [`curl -X POST ${shownUrl}`, `-H 'content-type: application/json'`, `-H 'x-refund-desk-timestamp: ${timestamp}'`, `-H 'x-refund-desk-signature: ${signature}'`, `--data-raw ${shellQuote(text)}`].join(" \\\n  ");
  return { status: res.status, answer, curl };
}

/** What the panel offers to send: a customer asking to cancel a demo order. */
export function exampleIntakeBody(orderId = "QX2001"): Record<string, unknown> {
  return {
    source: "qoo10",
    externalId: `CS-${Date.now().toString(36).toUpperCase()}`,
    platform: orderId.startsWith("CB") ? "cyberbiz" : "qoo10",
    orderId,
    request: { kind: "cancel", initiator: "customer", reason: "customer_request", notifyCustomer: true },
    message: "Please cancel my order, I ordered the wrong size.",
  };
}
