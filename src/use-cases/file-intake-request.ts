import type { Db } from "../db/client";
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

export type IntakeFiling = { type: "filed"; requestId: number } | { type: "repeated"; requestId: number } | { type: "order_not_found" };

/**
 * Files a checked intake delivery as a request, which then takes the normal path (evaluated, posted,
 * approved, executed). A delivery seen before, by (source, externalId), finds its first request,
 * even when several copies arrive at once: the key is unique in the database. A request for an
 * order the bot does not know is not stored.
 */
export async function fileIntakeRequest({ db, queues, orders, log }: FileIntakeDeps, intake: IntakeBody): Promise<IntakeFiling> {
  const idempotencyKey = intakeIdempotencyKey(intake.source, intake.externalId);
  // A retry is answered from the first request, even if the order has left the store since.
  const earlier = await findRequestIdByKey(db, idempotencyKey);
  if (earlier !== null) return { type: "repeated", requestId: earlier };
  const order = await orders.get(intake.platform, intake.orderId);
  if (!order) return { type: "order_not_found" };
  const { id, created, queued } = await fileRefundRequest(
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
  // The sender hears 202 once the request is on its way; a stalled Redis is a 503 it retries.
  await queued;
  return created ? { type: "filed", requestId: id } : { type: "repeated", requestId: id };
}
