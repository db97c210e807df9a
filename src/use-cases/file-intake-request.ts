import { intakeIdempotencyKey } from "../domain/intake-key";
import type { Platform } from "../domain/order";
import type { RequestChoices } from "../domain/request";
import { fileRefundRequest } from "./file-request";
import { ExceedsRefundable } from "./ports/store";
import type { UseCaseDeps } from "./ports/use-case-deps";

export type FileIntakeDeps = Pick<UseCaseDeps, "store" | "queues" | "orders" | "log">;

/** A delivery of the intake webhook, checked and completed (src/intake/intake-body.ts): what the intake files. */
export interface IntakeDelivery {
  source: string;
  externalId: string;
  platform: Platform;
  orderId: string;
  request: Omit<RequestChoices, "note"> & { requestedAt: Date };
  /** The customer's own words, trimmed; absent when empty. */
  message?: string;
  /**
   * The customer has filed a cancel request (Q4, Q11): a customer's own request with the reason
   * "customer request" is that request.
   */
  customerFiledCancel: boolean;
}

export type IntakeFiling =
  | { type: "filed"; requestId: number }
  | { type: "repeated"; requestId: number }
  | { type: "order_not_found" }
  /** The amount can never be granted for this order (above its total), or is more than is left of it now (its open requests counted). */
  | { type: "amount_refused"; message: string };

/**
 * Files a checked intake delivery as a request, which then takes the normal path (evaluated, posted,
 * approved, executed). A delivery seen before, by (source, externalId), finds its first request,
 * even when several copies arrive at once: the key is unique in the database. A request for an
 * order the bot does not know is not stored, nor one asking more than the order's total, nor (checked
 * under a lock on the order) more than is left of it once its open requests are counted.
 */
export async function fileIntakeRequest({ store, queues, orders, log }: FileIntakeDeps, intake: IntakeDelivery): Promise<IntakeFiling> {
  const idempotencyKey = intakeIdempotencyKey(intake.source, intake.externalId);
  // A retry is answered from the first request, even if the order has left the store since.
  const earlier = await store.findRequestIdByKey(idempotencyKey);
  if (earlier !== null) return { type: "repeated", requestId: earlier };
  const order = await orders.get(intake.platform, intake.orderId);
  if (!order) return { type: "order_not_found" };
  const { amount } = intake.request;
  // Amounts are in the currency's smallest unit, as the sender sent them.
  if (amount !== undefined && amount > order.total) return { type: "amount_refused", message: `expected at most the order's total, ${order.total} ${order.currency}` };
  let filing: Awaited<ReturnType<typeof fileRefundRequest>>;
  try {
    filing = await fileRefundRequest(
      { store, queues, log },
      {
        order,
        ...intake.request,
        actor: { type: "intake", id: intake.source },
        origin: "intake",
        idempotencyKey,
        customerMessage: intake.message,
        customerFiledCancel: intake.customerFiledCancel,
      },
    );
  } catch (error) {
    if (!(error instanceof ExceedsRefundable)) throw error;
    const left = `${error.refundable} ${order.currency}`;
    return { type: "amount_refused", message: error.refundable > 0 ? `expected at most ${left}, what is left to refund of order ${order.orderId} with its open requests` : `nothing is left to refund of order ${order.orderId}: its open requests hold the rest` };
  }
  const { id, created, queued } = filing;
  // The sender hears 202 once the request is on its way; a stalled Redis is a 503 it retries.
  await queued;
  return created ? { type: "filed", requestId: id } : { type: "repeated", requestId: id };
}
