import { randomUUID } from "node:crypto";
import { z } from "zod";
import { fromMajorUnits, toMajorUnits } from "../../domain/currency";
import {
  AmbiguousProviderError,
  ProviderError,
  type PaymentDetails,
  type PaymentGateway,
  type RefundInput,
  type RefundReceipt,
  type RefundRecord,
} from "../../use-cases/ports/providers";
import { parseJsonLossless } from "../shared/lossless-json";
import { silentLogger, type ProviderLogger } from "../shared/provider-logger";
import { parseRetryAfter } from "../shared/retry-after";
import { sendHttp, type FetchLike } from "../shared/send-http";
import type { LinePayConfig } from "../../config/providers/line-pay";
import { linePayOutcome } from "./return-codes";
import { linePayHeaders } from "./signature";
import {
  linePayEnvelopeSchema,
  linePayPaymentDetailsInfoSchema,
  linePayRefundInfoSchema,
  type LinePayEnvelope,
} from "./schemas";

const PROVIDER = "line_pay";

export interface LinePayGatewayDeps {
  /** @defaultValue global fetch */
  fetch?: FetchLike;
  /** A new value per call. @defaultValue crypto.randomUUID */
  nonce?: () => string;
  log?: ProviderLogger;
  /** @defaultValue Date.now */
  now?: () => number;
}

type Operation = "refund" | "payment_details";

/**
 * LINE Pay Online API v3 as a PaymentGateway: refunds (full or partial) and payment details, with
 * LINE Pay's request signing. LINE Pay has no idempotency key, so this class never retries a refund
 * by itself: a timeout, a dropped connection, a 5xx or `1198` surfaces as an AmbiguousProviderError
 * and the caller reads `getPayment(...).refunds` before deciding to refund again.
 */
export class LinePayGateway implements PaymentGateway {
  readonly name = PROVIDER;
  private readonly fetchImpl: FetchLike;
  private readonly nonce: () => string;
  private readonly log: ProviderLogger;
  private readonly now: () => number;

  constructor(
    private readonly config: LinePayConfig,
    deps: LinePayGatewayDeps = {},
  ) {
    this.fetchImpl = deps.fetch ?? fetch;
    this.nonce = deps.nonce ?? randomUUID;
    this.log = deps.log ?? silentLogger;
    this.now = deps.now ?? Date.now;
  }

  async refund(input: RefundInput): Promise<RefundReceipt> {
    assertRefundInput(input);
    const apiPath = `/v3/payments/${input.transactionId}/refund`;
    // A full refund sends no refundAmount: LINE Pay then refunds what is left of the payment.
    // LINE Pay counts in the currency's major unit; our amounts are in its smallest.
    const body = JSON.stringify(input.full ? {} : { refundAmount: toMajorUnits(input.amount, input.currency) });
    const envelope = await this.call("refund", "POST", apiPath, body);

    switch (linePayOutcome(envelope.returnCode)) {
      case "done":
        return this.receiptForNewRefund(input, envelope);
      case "already_done":
        return this.receiptForEarlierRefund(input, envelope);
      case "reconcile":
        throw new AmbiguousProviderError({ provider: PROVIDER, code: envelope.returnCode, message: envelope.returnMessage });
      case "transient":
        throw new ProviderError({ provider: PROVIDER, code: envelope.returnCode, message: envelope.returnMessage, kind: "transient" });
      case "permanent":
        throw new ProviderError({ provider: PROVIDER, code: envelope.returnCode, message: envelope.returnMessage, kind: "permanent" });
    }
  }

  async getPayment(transactionId: string, orderId?: string): Promise<PaymentDetails> {
    assertTransactionId(transactionId);
    const query = new URLSearchParams({ transactionId });
    if (orderId) query.set("orderId", orderId);
    const envelope = await this.call("payment_details", "GET", "/v3/payments", query.toString());
    const outcome = linePayOutcome(envelope.returnCode);
    if (outcome !== "done") {
      throw new ProviderError({
        provider: PROVIDER,
        code: envelope.returnCode,
        message: envelope.returnMessage,
        kind: outcome === "transient" || outcome === "reconcile" ? "transient" : "permanent",
      });
    }
    const info = parseInfo(linePayPaymentDetailsInfoSchema, envelope.info, "payment_details");
    const payment = info.find((entry) => entry.transactionId === transactionId);
    if (!payment) {
      throw new ProviderError({ provider: PROVIDER, code: "1150", message: `transaction ${transactionId} is not in the payment details`, kind: "permanent" });
    }
    // Amounts come in the payment's major unit: without its currency, they cannot be read.
    const currency = payment.currency;
    if (currency === undefined) throw new ProviderError({ provider: PROVIDER, code: "invalid_response", message: "LINE Pay's payment details name no currency: their amounts cannot be read", kind: "transient" });
    const minor = (value: number) => {
      const amount = fromMajorUnits(Math.abs(value), currency);
      if (amount === null) throw new ProviderError({ provider: PROVIDER, code: "invalid_response", message: `LINE Pay's payment details give ${value} ${currency}, more decimals than ${currency} has`, kind: "transient" });
      return amount;
    };
    const paid = payment.payInfo?.reduce((sum, pay) => sum + minor(pay.amount), 0);
    return {
      transactionId: payment.transactionId,
      ...(payment.orderId !== undefined ? { orderId: payment.orderId } : {}),
      refunds: (payment.refundList ?? []).map((refund) => ({
        refundTransactionId: refund.refundTransactionId,
        amount: minor(refund.refundAmount),
        type: refund.transactionType === "PAYMENT_REFUND" ? "full" : "partial",
        at: refund.refundTransactionDate,
      })),
      ...(paid !== undefined ? { amount: paid } : {}),
      currency,
    };
  }

  private async receiptForNewRefund(input: RefundInput, envelope: LinePayEnvelope): Promise<RefundReceipt> {
    const info = parseInfo(linePayRefundInfoSchema, envelope.info, "refund", true);
    const base = { refundTransactionId: info.refundTransactionId, at: info.refundTransactionDate, alreadyDone: false };
    // A partial refund gives back exactly the refundAmount LINE Pay accepted.
    if (!input.full) return { ...base, amount: input.amount, type: "partial" };
    // The answer to a full refund does not say how much went back: LINE Pay's record does.
    const recorded = await this.getPayment(input.transactionId)
      .then((payment) => payment.refunds.find((refund) => refund.refundTransactionId === info.refundTransactionId))
      .catch((error: unknown) => {
        this.log.warn({ provider: PROVIDER, transactionId: input.transactionId, err: describe(error) }, "full refund done; amount not confirmed from payment details");
        return undefined;
      });
    if (recorded) return { ...base, amount: recorded.amount, type: "full" };
    // Made, but how much is not known yet: never recorded as what was asked. The caller reconciles
    // later from the payment details (the refund is new since its first call, and of the full type).
    throw new AmbiguousProviderError({ provider: PROVIDER, code: "amount_unconfirmed", message: `full refund ${info.refundTransactionId} made; LINE Pay's payment details did not show its amount yet` });
  }

  /** 1165: the refund exists already. Find it, so the caller records LINE Pay's id, not a guess. */
  private async receiptForEarlierRefund(input: RefundInput, envelope: LinePayEnvelope): Promise<RefundReceipt> {
    const { refunds } = await this.getPayment(input.transactionId);
    const found = pickEarlierRefund(refunds, input);
    if (!found) {
      throw new ProviderError({
        provider: PROVIDER,
        code: envelope.returnCode,
        message: `${envelope.returnMessage} (no refund found in the payment details)`,
        kind: "permanent",
      });
    }
    return { ...found, alreadyDone: true };
  }

  private async call(operation: Operation, method: "GET" | "POST", apiPath: string, payload: string): Promise<LinePayEnvelope> {
    const nonce = this.nonce();
    const headers = linePayHeaders(this.config.channelId, { channelSecret: this.config.channelSecret, apiPath, payload, nonce });
    const url = `${this.config.apiUrl}${apiPath}${method === "GET" && payload ? `?${payload}` : ""}`;
    const started = this.now();
    const response = await sendHttp(
      PROVIDER,
      { method, url, headers, timeoutMs: this.config.timeoutMs, ...(method === "POST" ? { body: payload } : {}) },
      this.fetchImpl,
    ).catch((error: unknown) => {
      this.log.warn({ provider: PROVIDER, operation, err: describe(error), ms: this.now() - started }, "LINE Pay call failed");
      throw error;
    });
    const envelope = this.readEnvelope(operation, method, response);
    this.log.debug({ provider: PROVIDER, operation, status: response.status, returnCode: envelope.returnCode, ms: this.now() - started }, "LINE Pay call");
    return envelope;
  }

  private readEnvelope(operation: Operation, method: "GET" | "POST", response: { status: number; headers: Headers; text: string }): LinePayEnvelope {
    const { status } = response;
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), this.now());
    const retry = retryAfterMs !== undefined ? { retryAfterMs } : {};
    // 429 and 503 are refusals at the door: nothing was done, a later retry is safe.
    if (status === 429 || status === 503) {
      throw new ProviderError({ provider: PROVIDER, code: `http_${status}`, message: `LINE Pay answered HTTP ${status}`, kind: "transient", httpStatus: status, ...retry });
    }
    if (status >= 500) {
      const init = { provider: PROVIDER, code: `http_${status}`, message: `LINE Pay answered HTTP ${status}`, httpStatus: status, ...retry };
      // A refund that met a 5xx may still have been made.
      throw method === "POST" ? new AmbiguousProviderError(init) : new ProviderError({ ...init, kind: "transient" });
    }
    const envelope = safeEnvelope(response.text);
    if (envelope) return envelope;
    if (status >= 200 && status < 300) {
      const init = { provider: PROVIDER, code: "invalid_response", message: `LINE Pay answered ${operation} with an unreadable body`, httpStatus: status };
      throw method === "POST" ? new AmbiguousProviderError(init) : new ProviderError({ ...init, kind: "transient" });
    }
    throw new ProviderError({ provider: PROVIDER, code: `http_${status}`, message: `LINE Pay answered HTTP ${status}`, kind: "permanent", httpStatus: status });
  }
}

function safeEnvelope(text: string): LinePayEnvelope | undefined {
  try {
    const parsed = linePayEnvelopeSchema.safeParse(parseJsonLossless(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function parseInfo<T extends z.ZodType>(schema: T, info: unknown, operation: Operation, afterEffect = false): z.infer<T> {
  const parsed = schema.safeParse(info);
  if (parsed.success) return parsed.data;
  const init = { provider: PROVIDER, code: "invalid_response", message: `LINE Pay ${operation} answer did not match the documented shape: ${z.prettifyError(parsed.error)}` };
  // The refund succeeded (0000) but we cannot read its id: the caller must reconcile, not retry.
  throw afterEffect ? new AmbiguousProviderError(init) : new ProviderError({ ...init, kind: "transient" });
}

function pickEarlierRefund(refunds: RefundRecord[], input: RefundInput): RefundRecord | undefined {
  const latestFirst = [...refunds].reverse();
  if (input.full) return latestFirst.find((refund) => refund.type === "full") ?? latestFirst[0];
  return latestFirst.find((refund) => refund.amount === input.amount) ?? latestFirst[0];
}

function assertTransactionId(transactionId: string): void {
  if (!/^\d{1,32}$/.test(transactionId)) {
    throw new ProviderError({ provider: PROVIDER, code: "invalid_request", message: "transactionId must be the payment's digits, as a string", kind: "permanent" });
  }
}

function assertRefundInput(input: RefundInput): void {
  assertTransactionId(input.transactionId);
  if (!input.full && !(Number.isInteger(input.amount) && input.amount > 0)) {
    throw new ProviderError({ provider: PROVIDER, code: "invalid_request", message: "a partial refund needs a whole amount > 0", kind: "permanent" });
  }
}

function describe(error: unknown): { code?: string; message: string } {
  if (error instanceof ProviderError) return { code: error.code, message: error.message };
  return { message: error instanceof Error ? error.message : String(error) };
}
