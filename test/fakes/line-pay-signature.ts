import { createHmac, timingSafeEqual } from "node:crypto";
import type { RawRequest } from "./loopback-fake";

/** A header's first value, as the fake reads LINE Pay's `X-LINE-*` headers. */
export function header(request: RawRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * LINE Pay's request check: the channel id, and the HMAC-SHA256 (keyed with the channel secret) of
 * secret + path + body (the raw query for a GET) + nonce, over the exact bytes sent.
 */
export function linePaySignatureValid(request: RawRequest, channelId: string, channelSecret: string): boolean {
  const givenChannelId = header(request, "x-line-channelid");
  const nonce = header(request, "x-line-authorization-nonce");
  const signature = header(request, "x-line-authorization");
  if (givenChannelId !== channelId || !nonce || !signature) return false;
  const payload = request.method === "GET" ? request.rawQuery : request.body;
  const expected = createHmac("sha256", channelSecret).update(channelSecret + request.path + payload + nonce, "utf8").digest();
  const given = Buffer.from(signature, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
