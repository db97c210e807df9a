import type { Db } from "../db/client";
import { ExceedsRefundable } from "../db/requests";
import { findRequestIdByKey } from "../db/intake-requests";
import type { IntakeBody } from "../intake/intake-body";
import { intakeIdempotencyKey } from "../intake/intake-key";
import type { Logger } from "../observability/logger";
import type { OrderDirectory } from "../orders/order-directory";
import type { JobQueues } from "../queue/job-queues";
import { fileRefundRequest } from "./file-request";

export interface FileIntakeDeps {
  db: Db;
  queues: JobQueues;
  orders: OrderDirectory;
  log: Logger;
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
export async function fileIntakeRequest({ db, queues, orders, log }: FileIntakeDeps, intake: IntakeBody): Promise<IntakeFiling> {
  const idempotencyKey = intakeIdempotencyKey(intake.source, intake.externalId);
  // A retry is answered from the first request, even if the order has left the store since.
  const earlier = await findRequestIdByKey(db, idempotencyKey);
  if (earlier !== null) return { type: "repeated", requestId: earlier };
  const order = await orders.get(intake.platform, intake.orderId);
  if (!order) return { type: "order_not_found" };
  const { amount } = intake.request;
  // Amounts are in the currency's smallest unit, as the sender sent them.
  if (amount !== undefined && amount > order.total) return { type: "amount_refused", message: `expected at most the order's total, ${order.total} ${order.currency}` };
  let filing: Awaited<ReturnType<typeof fileRefundRequest>>;
  try {
    filing = await fileRefundRequest(
      { db, queues, log },
      {
        order,
        ...intake.request,
        actor: { type: "intake", id: intake.source },
        origin: "intake",
        idempotencyKey,
        ...(intake.message ? { customerMessage: intake.message } : {}),
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
