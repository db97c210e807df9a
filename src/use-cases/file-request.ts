import type { Order } from "../domain/order";
import { fileRequest, type Actor, type RequestOrigin } from "../db/requests";
import type { Db } from "../db/client";
import type { JobQueues } from "../queue/job-queues";
import type { Initiator, Reason, RequestKind } from "../domain/request";
import type { Logger } from "../observability/logger";

export interface FileRequestInput {
  order: Order;
  kind: RequestKind;
  initiator: Initiator;
  reason: Reason;
  amount?: number;
  notifyCustomer: boolean;
  flagCustomer: boolean;
  returnReceived: boolean;
  note?: string;
  requestedAt: Date;
  actor: Actor;
  origin: RequestOrigin;
  originChannel?: string;
  idempotencyKey?: string;
  customerMessage?: string;
  customerFiledCancel?: boolean;
  batchId?: string;
}

export interface FileRequestDeps {
  db: Db;
  queues: JobQueues;
  log: Logger;
}

/**
 * Stores a request and queues its evaluation (its first Slack sync confirms it to the agent). Once the
 * request is stored it is filed: if queueing fails, the sweeper finds it in `submitted` and queues
 * it again, so this never reports a failure for a request that exists. `queued` settles when the
 * evaluation is queued: a caller that must know (the intake webhook answers 503 on a stalled Redis)
 * waits for it; the Slack modal answers at once.
 */
export async function fileRefundRequest({ db, queues, log }: FileRequestDeps, input: FileRequestInput): Promise<{ id: number; created: boolean; queued: Promise<void> }> {
  const { id, created } = await fileRequest(
    db,
    {
      platform: input.order.platform,
      orderId: input.order.orderId,
      kind: input.kind,
      initiator: input.initiator,
      reason: input.reason,
      ...(input.amount !== undefined ? { amount: input.amount } : {}),
      currency: input.order.currency,
      notifyCustomer: input.notifyCustomer,
      flagCustomer: input.flagCustomer,
      returnReceived: input.returnReceived,
      ...(input.note ? { note: input.note } : {}),
      requestedAt: input.requestedAt,
      requestedBy: input.actor.type === "intake" ? `intake:${input.actor.id}` : input.actor.id,
      origin: input.origin,
      ...(input.originChannel ? { originChannel: input.originChannel } : {}),
      ...(input.idempotencyKey ? { idempotencyKey: input.idempotencyKey } : {}),
      ...(input.customerMessage ? { customerMessage: input.customerMessage } : {}),
      ...(input.customerFiledCancel ? { customerFiledCancel: true } : {}),
      ...(input.batchId ? { batchId: input.batchId } : {}),
    },
    input.actor,
  );
  // Decided with the others this process files in the same few milliseconds, unless it belongs to a batch.
  // Not awaited: the request is filed once stored, and the answer to the agent need not wait for the window.
  const queued = input.batchId ? queues.enqueue("evaluate-request", { requestId: id }) : queues.evaluateSoon(id);
  queued.catch((error: unknown) => log.warn({ err: error, requestId: id }, "request stored but not queued: the sweeper will queue it"));
  return { id, created, queued };
}
