import { createHmac, timingSafeEqual } from "node:crypto";

export const TIMESTAMP_HEADER = "x-refund-desk-timestamp";
export const SIGNATURE_HEADER = "x-refund-desk-signature";

/** How far a delivery's timestamp may be from our clock, either way: a captured delivery cannot be replayed later. */
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

const TIMESTAMP = /^\d{1,12}$/;
const SIGNATURE = /^v1=([0-9a-fA-F]{64})$/;

/** Why a delivery was refused; the sender sees it, so it names the step, never what the right value would be. */
export type SignatureProblem = "missing_headers" | "malformed_timestamp" | "timestamp_out_of_window" | "malformed_signature" | "signature_mismatch";

export type SignatureCheck = { ok: true } | { ok: false; problem: SignatureProblem };

export interface SignedDelivery {
  /** The raw header values, as node:http gives them. */
  timestamp: string | string[] | undefined;
  signature: string | string[] | undefined;
  /** The body exactly as received: the signature covers bytes, not a re-serialised object. */
  body: Uint8Array;
}

function hmacOf(secret: string, timestamp: string, body: Uint8Array): Buffer {
  return createHmac("sha256", secret).update(`v1:${timestamp}:`).update(body).digest();
}

/** What a sender puts in X-Refund-Desk-Signature (tests and the recipe in docs/intake.md use it too). */
export function signIntakeBody(secret: string, timestamp: number | string, body: Uint8Array | string): string {
  return `v1=${hmacOf(secret, String(timestamp), typeof body === "string" ? Buffer.from(body, "utf8") : body).toString("hex")}`;
}

/**
 * Checks a delivery's signature against every currently valid secret (several during a rotation).
 * Pure apart from the HMAC itself: `nowSeconds` is the caller's clock. Every secret is compared,
 * each in constant time, so the answer's timing says nothing about which one came close.
 */
export function verifyIntakeSignature(delivery: SignedDelivery, secrets: readonly string[], nowSeconds: number): SignatureCheck {
  const { timestamp, signature } = delivery;
  if (typeof timestamp !== "string" || typeof signature !== "string" || timestamp === "" || signature === "") return { ok: false, problem: "missing_headers" };
  if (!TIMESTAMP.test(timestamp)) return { ok: false, problem: "malformed_timestamp" };
  if (Math.abs(nowSeconds - Number(timestamp)) > SIGNATURE_TOLERANCE_SECONDS) return { ok: false, problem: "timestamp_out_of_window" };
  const hex = SIGNATURE.exec(signature.trim())?.[1];
  if (!hex) return { ok: false, problem: "malformed_signature" };
  const given = Buffer.from(hex.toLowerCase(), "hex");
  let matched = false;
  for (const secret of secrets) {
    if (timingSafeEqual(hmacOf(secret, timestamp, delivery.body), given)) matched = true;
  }
  return matched ? { ok: true } : { ok: false, problem: "signature_mismatch" };
}
