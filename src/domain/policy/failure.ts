import type { Order } from "../order";

const MAX_ERROR_CHARS = 300;

/**
 * What the bot posts when a refund fails with the provider's system error (Q13). The request stays
 * retryable and is never refunded twice: every effect is keyed by the request (C9), so a retry only
 * does what has not been done. A Qoo10 failure that persists goes to Qoo10 support with the order
 * number and the error.
 */
export function refundFailureNotice(order: Pick<Order, "orderId" | "platform">, providerError: string): string {
  // Provider errors can be long, multi-line HTML; the channel needs one readable line.
  const error = providerError.replace(/\s+/g, " ").trim().slice(0, MAX_ERROR_CHARS) || "no error text";
  const head = `The refund of order ${order.orderId} failed with a system error: ${error}; the request stays retryable and will not be refunded twice`;
  return order.platform === "qoo10"
    ? `${head}, and if it keeps failing, send the order number and this error to Qoo10 support (Q13).`
    : `${head}, since each effect is recorded once (C9).`;
}
