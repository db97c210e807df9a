import type { Actor } from "../domain/actor";
import type { Order } from "../domain/order";
import type { NewRequest } from "../domain/request";
import type { UseCaseDeps } from "./ports/use-case-deps";

/** A request to file: its fields (`NewRequest`) less what the order and the actor tell. */
export type FileRequestInput = Omit<NewRequest, "platform" | "orderId" | "currency" | "requestedBy"> & { order: Order; actor: Actor };

export type FileRequestDeps = Pick<UseCaseDeps, "store" | "queues" | "log">;

/**
 * Stores a request and queues its evaluation (its first Slack sync confirms it to the agent). Once the
 * request is stored it is filed: if queueing fails, the sweeper finds it in `submitted` and queues
 * it again, so this never reports a failure for a request that exists. `queued` settles when the
 * evaluation is queued: a caller that must know (the intake webhook answers 503 on a stalled Redis)
 * waits for it; the Slack modal answers at once.
 */
export async function fileRefundRequest({ store, queues, log }: FileRequestDeps, input: FileRequestInput): Promise<{ id: number; created: boolean; queued: Promise<void> }> {
  const { order, actor, ...fields } = input;
  const request: NewRequest = {
    ...fields,
    platform: order.platform,
    orderId: order.orderId,
    currency: order.currency,
    requestedBy: actor.type === "intake" ? `intake:${actor.id}` : actor.id,
  };
  const { id, created } = await store.fileRequest(request, actor);
  // Decided with the others this process files in the same few milliseconds, unless it belongs to a batch.
  // Not awaited: the request is filed once stored, and the answer to the agent need not wait for the window.
  const queued = input.batchId ? queues.enqueue("evaluate-request", { requestId: id }) : queues.evaluateSoon(id);
  queued.catch((error: unknown) => log.warn({ err: error, requestId: id }, "request stored but not queued: the sweeper will queue it"));
  return { id, created, queued };
}
