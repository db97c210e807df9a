import { bareNumber, jsonWithBareNumbers } from "./loopback-fake";
import { DECIMALS, smallest, type FakeRefund, type LinePayState } from "./line-pay-state";

/** A 200 answer in LINE Pay's envelope: a return code, its message, and `info` when there is one. */
export interface LinePayAnswer {
  returnCode: string;
  message?: string;
  info?: unknown;
}

const MESSAGES: Record<string, string> = {
  "0000": "Success.",
  "1106": "Header information error.",
  "1124": "Amount info error.",
  "1150": "Transaction record not found.",
  "1163": "Refund period has expired.",
  "1164": "Exceeded the refundable amount.",
  "1165": "This transaction has already been refunded.",
  "9000": "Internal error.",
};

/** The answer's JSON text, 19-digit ids written as bare numbers as LINE Pay does. */
export function answerText({ returnCode, message, info }: LinePayAnswer): string {
  const body = { returnCode, returnMessage: message ?? MESSAGES[returnCode] ?? "Error.", ...(info !== undefined ? { info } : {}) };
  return jsonWithBareNumbers(body);
}

export interface RefundRules {
  /** A payment older than this cannot be refunded online: 1163. */
  refundablePeriodDays: number;
  now: () => Date;
}

/**
 * `POST /v3/payments/{transactionId}/refund` with LINE Pay's rules (1150, 1163, 1165, 1124, 1164):
 * the whole remainder without `refundAmount`, else that amount. `refund` is set when one was made.
 */
export function refundRoute(state: LinePayState, transactionId: string, body: string, rules: RefundRules): { answer: LinePayAnswer; refund?: FakeRefund } {
  const payment = state.payment(transactionId);
  if (!payment) return { answer: { returnCode: "1150" } };
  const ageMs = rules.now().getTime() - payment.paidAt.getTime();
  if (ageMs > rules.refundablePeriodDays * 24 * 3600 * 1000) return { answer: { returnCode: "1163" } };
  // Counted in the smallest unit, so that 15.5 - 10.25 is exactly 5.25.
  const inSmallest = (amount: number) => smallest(payment.currency, amount)!;
  const scale = 10 ** (DECIMALS[payment.currency] ?? 0);
  const refunded = payment.refunds.reduce((sum, refund) => sum + inSmallest(refund.amount), 0);
  const remaining = inSmallest(payment.amount) - refunded;
  if (remaining <= 0) {
    state.detailsCaughtUp(transactionId);
    return { answer: { returnCode: "1165" } };
  }

  let requested: unknown;
  try {
    requested = body ? (JSON.parse(body) as { refundAmount?: unknown }).refundAmount : undefined;
  } catch {
    return { answer: { returnCode: "1124", message: "Amount info error. (body is not JSON)" } };
  }
  // A positive amount with no more decimals than the currency has (none for TWD and JPY).
  const requestedSmallest = typeof requested === "number" && requested > 0 ? smallest(payment.currency, requested) : null;
  if (requested !== undefined && requestedSmallest === null) return { answer: { returnCode: "1124" } };
  if (requestedSmallest !== null && requestedSmallest > remaining) return { answer: { returnCode: "1164" } };

  const refund: FakeRefund = {
    refundTransactionId: state.newRefundId(),
    amount: (requestedSmallest ?? remaining) / scale,
    transactionType: requested === undefined ? "PAYMENT_REFUND" : "PARTIAL_REFUND",
    refundTransactionDate: rules.now().toISOString().replace(/\.\d{3}Z$/, "Z"),
  };
  payment.refunds.push(refund);
  const info = { refundTransactionId: bareNumber(refund.refundTransactionId), refundTransactionDate: refund.refundTransactionDate };
  return { answer: { returnCode: "0000", info }, refund };
}

/** `GET /v3/payments?transactionId=…&orderId=…`: the payments' details, refunds as negative amounts. */
export function paymentDetailsRoute(state: LinePayState, rawQuery: string): LinePayAnswer {
  const query = new URLSearchParams(rawQuery);
  const ids = query.getAll("transactionId");
  const orderIds = query.getAll("orderId");
  const found = state.find(ids, orderIds);
  if (ids.length === 0 && orderIds.length === 0) return { returnCode: "1124", message: "transactionId or orderId is required." };
  if (found.length === 0) return { returnCode: "1150" };
  return {
    returnCode: "0000",
    info: found.map((payment) => ({
      // As LINE Pay does: ids as bare numbers, refunds as negative amounts.
      transactionId: bareNumber(payment.transactionId),
      transactionDate: payment.paidAt.toISOString().replace(/\.\d{3}Z$/, "Z"),
      transactionType: "PAYMENT",
      productName: "Cyberbiz order",
      currency: payment.currency,
      orderId: payment.orderId,
      payInfo: [{ method: "BALANCE", amount: payment.amount }],
      ...(state.visibleRefunds(payment).length > 0
        ? {
            refundList: state.visibleRefunds(payment).map((refund) => ({
              refundTransactionId: bareNumber(refund.refundTransactionId),
              transactionType: refund.transactionType,
              refundAmount: -refund.amount,
              refundTransactionDate: refund.refundTransactionDate,
            })),
          }
        : {}),
    })),
  };
}
