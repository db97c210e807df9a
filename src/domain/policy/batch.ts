import type { Decision } from "../decision";
import type { Order, Platform } from "../order";
import type { RefundRequest } from "../request";
import { evaluate } from "./evaluate";

export interface BatchItem {
  readonly order: Order;
  readonly request: RefundRequest;
}

export interface BatchResult {
  readonly platform: Platform;
  readonly orderId: string;
  readonly decision: Decision;
}

/**
 * Q2 (ours): a bulk request gets one result per order, in input order. Requests on the same order
 * see what the earlier ones in the batch would do (money refunded, the order cancelled or returned),
 * so a batch can neither refund an order twice nor beyond its total (G2, C6, G1).
 */
export function evaluateBatch(items: readonly BatchItem[]): BatchResult[] {
  const projected = new Map<string, Order>();
  return items.map(({ order: snapshot, request }) => {
    const key = `${snapshot.platform}:${snapshot.orderId}`;
    const order = projected.get(key) ?? snapshot;
    const decision = evaluate(order, request);
    if (decision.outcome !== "reject") projected.set(key, projectAfter(order, request, decision));
    return { platform: order.platform, orderId: order.orderId, decision };
  });
}

/** The order as it will be once the decision is carried out; a waiting return already reserves its money. */
function projectAfter(order: Order, request: RefundRequest, decision: Decision): Order {
  const refunded = order.refunded + decision.refundAmount;
  if (request.kind === "cancel") return { ...order, refunded, status: "cancelled" };
  if (request.kind === "return" && order.platform === "qoo10" && decision.outcome === "allow") return { ...order, refunded, status: "returned" };
  return { ...order, refunded };
}
