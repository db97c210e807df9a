import { createHmac } from "node:crypto";

export interface LinePaySignatureInput {
  channelSecret: string;
  /** The path alone, e.g. `/v3/payments/2026112300000000001/refund`: no host, no query. */
  apiPath: string;
  /** POST: the body exactly as sent. GET: the query string without `?` (empty when none). */
  payload: string;
  nonce: string;
}

/** `X-LINE-Authorization` = Base64(HMAC-SHA256(channelSecret, channelSecret + apiPath + payload + nonce)). */
export function signLinePayRequest({ channelSecret, apiPath, payload, nonce }: LinePaySignatureInput): string {
  return createHmac("sha256", channelSecret).update(channelSecret + apiPath + payload + nonce, "utf8").digest("base64");
}

/** The three authentication headers every LINE Pay call carries, plus the JSON content type. */
export function linePayHeaders(channelId: string, input: LinePaySignatureInput): Record<string, string> {
  return {
    "Content-Type": "application/json",
    "X-LINE-ChannelId": channelId,
    "X-LINE-Authorization-Nonce": input.nonce,
    "X-LINE-Authorization": signLinePayRequest(input),
  };
}
