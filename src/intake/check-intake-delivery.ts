import { parseIntakeBody, type FieldError, type IntakeBody } from "./intake-body";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyIntakeSignature, type SignatureProblem } from "./verify-intake-signature";

export interface Delivery {
  headers: Record<string, string | string[] | undefined>;
  /** The body as received (already bounded by the reader). */
  body: Uint8Array;
}

export type DeliveryCheck =
  | { ok: true; intake: IntakeBody }
  | { ok: false; status: 401; answer: { error: "unauthorized"; problem: SignatureProblem } }
  | { ok: false; status: 400; answer: { errors: FieldError[] } };

/**
 * Everything about a delivery that needs no I/O, in the order that matters: the signature first (an
 * unsigned body is not even parsed), then the body. Total: any headers and bytes give an answer,
 * never a throw.
 */
export function checkIntakeDelivery(delivery: Delivery, secrets: readonly string[], arrivedAt: Date): DeliveryCheck {
  const signature = verifyIntakeSignature(
    { timestamp: delivery.headers[TIMESTAMP_HEADER], signature: delivery.headers[SIGNATURE_HEADER], body: delivery.body },
    secrets,
    Math.floor(arrivedAt.getTime() / 1000),
  );
  if (!signature.ok) return { ok: false, status: 401, answer: { error: "unauthorized", problem: signature.problem } };
  const parsed = parseIntakeBody(delivery.body, arrivedAt);
  if (!parsed.ok) return { ok: false, status: 400, answer: { errors: parsed.errors } };
  return { ok: true, intake: parsed.intake };
}
