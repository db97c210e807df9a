import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import type { ServerResponse } from "node:http";
import { bareNumber, jsonWithBareNumbers, LoopbackFake, type RawRequest } from "./loopback-fake";

export interface FakeLinePayOptions {
  /** @defaultValue "1234567890" */
  channelId?: string;
  /** @defaultValue "fake-line-pay-channel-secret" */
  channelSecret?: string;
  /** A payment older than this cannot be refunded online: 1163 (C7). @defaultValue 60 */
  refundablePeriodDays?: number;
  /** The fake's clock, for the refundable period and refund dates. @defaultValue () => new Date() */
  now?: () => Date;
}

export interface FakePaymentSeed {
  /** 19 digits, as a string. */
  transactionId: string;
  orderId: string;
  /** In the currency's major unit, as LINE Pay counts: 15.5 USD, 1200 TWD. */
  amount: number;
  /** One LINE Pay takes: TWD, JPY (no minor unit), USD, THB (cents). */
  currency: string;
  /** @defaultValue now */
  paidAt?: Date | string;
}

export interface FakeRefund {
  refundTransactionId: string;
  /** In the currency's major unit, as LINE Pay counts. */
  amount: number;
  transactionType: "PAYMENT_REFUND" | "PARTIAL_REFUND";
  refundTransactionDate: string;
}

export type LinePayFault =
  /** No answer at all: the client times out; nothing was done. */
  | { kind: "timeout" }
  /** HTTP 500, nothing done. */
  | { kind: "http500" }
  /** Any HTTP status (e.g. 429 or 503 from a gateway in front of LINE Pay), nothing done. */
  | { kind: "http"; status: number; retryAfterSeconds?: number }
  /** The connection is dropped once the request is read; nothing done. */
  | { kind: "reset" }
  /** A 200 with this return code, nothing done. */
  | { kind: "code"; code: string; message?: string };

export interface LinePayCall {
  method: string;
  path: string;
  rawQuery: string;
  body: string;
  signatureValid: boolean;
  nonce?: string;
  returnCode?: string;
  /** A fault played instead of the real behaviour. */
  fault?: LinePayFault["kind"] | "refund_then_timeout";
  at: number;
}

interface Payment extends Required<Omit<FakePaymentSeed, "paidAt">> {
  paidAt: Date;
  refunds: FakeRefund[];
}

/** Decimals LINE Pay accepts in an amount of each currency it takes. */
const DECIMALS: Record<string, number> = { TWD: 0, JPY: 0, USD: 2, THB: 2 };

/** An amount in the major unit as a whole number of the smallest one (100 for 1.00 USD), or null when it has more decimals than the currency. */
function smallest(currency: string, amount: number): number | null {
  const scaled = amount * 10 ** (DECIMALS[currency] ?? 0);
  return Math.abs(scaled - Math.round(scaled)) < 1e-6 ? Math.round(scaled) : null;
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

/**
 * LINE Pay Online API v3 on loopback: checks the channel id and the HMAC signature over the exact
 * bytes sent (wrong ⇒ 1106), keeps payments a test seeds, refunds them with LINE Pay's rules
 * (1150, 1124, 1163, 1164, 1165) and answers 19-digit ids as bare JSON numbers, as LINE Pay does.
 * Faults: `failNext` (timeout, 500, reset, any return code) and `refundThenTimeout`, which makes
 * the refund and then answers too late: the exactly-once trap.
 */
export class FakeLinePay extends LoopbackFake {
  readonly channelId: string;
  readonly channelSecret: string;
  readonly calls: LinePayCall[] = [];
  private readonly refundablePeriodDays: number;
  private readonly now: () => Date;
  private readonly payments = new Map<string, Payment>();
  private readonly faults: LinePayFault[] = [];
  private lateRefunds = 0;
  private lateAnswerMs?: number;
  // Refund ids are unique across LINE Pay, so across fakes too: test files running in parallel on one
  // database must never see the same refund id (the bot attributes each refund to one request).
  private nextRefundId = 2026112390000000001n + BigInt(randomInt(0, 9_000_000)) * 1_000_000n;
  private readonly refundPosts = new Map<string, number>();
  /** Transactions armed with `alreadyRefundedTrap`, and those whose details are behind (the trap sprung). */
  private readonly trapped = new Set<string>();
  private readonly staleDetails = new Set<string>();

  constructor(options: FakeLinePayOptions = {}) {
    super();
    this.channelId = options.channelId ?? "1234567890";
    this.channelSecret = options.channelSecret ?? "fake-line-pay-channel-secret";
    this.refundablePeriodDays = options.refundablePeriodDays ?? 60;
    this.now = options.now ?? (() => new Date());
  }

  /** The value for LINEPAY_API_URL. */
  get apiUrl(): string {
    return this.baseUrl;
  }

  addPayment(seed: FakePaymentSeed): void {
    if (!/^\d{19}$/.test(seed.transactionId)) throw new Error(`LINE Pay transaction ids have 19 digits: ${seed.transactionId}`);
    if (!(seed.currency in DECIMALS) || smallest(seed.currency, seed.amount) === null) throw new Error(`LINE Pay takes no payment of ${seed.amount} ${seed.currency}`);
    this.payments.set(seed.transactionId, {
      transactionId: seed.transactionId,
      orderId: seed.orderId,
      amount: seed.amount,
      currency: seed.currency,
      paidAt: seed.paidAt === undefined ? this.now() : new Date(seed.paidAt),
      refunds: [],
    });
  }

  /** The next `times` calls get `fault` instead of being served. */
  failNext(times: number, fault: LinePayFault): void {
    for (let i = 0; i < times; i++) this.faults.push(fault);
  }

  /** Faults armed with failNext and not played yet. */
  get pendingFaults(): number {
    return this.faults.length;
  }

  /**
   * The next `times` refunds are made, then answered only after `answerAfterMs` (default: never,
   * the client gives up first).
   */
  refundThenTimeout(times = 1, answerAfterMs?: number): void {
    this.lateRefunds += times;
    this.lateAnswerMs = answerAfterMs;
  }

  /**
   * The "already refunded" trap on one payment: its next refund is made but answered too late (the
   * client times out), and its payment details lag behind (they leave that refund out) until a
   * refund call meets LINE Pay's 1165 "already refunded". A client that trusts a 1165 blindly, or
   * asks again after it, refunds twice; the right one reads the details again after the 1165.
   */
  alreadyRefundedTrap(transactionId: string): void {
    this.trapped.add(transactionId);
  }

  /** Refund requests that reached the fake for this payment, whatever became of them. */
  refundCalls(transactionId: string): number {
    return this.refundPosts.get(transactionId) ?? 0;
  }

  /** Refunds actually made on this payment, oldest first. */
  refundsOf(transactionId: string): FakeRefund[] {
    return [...(this.payments.get(transactionId)?.refunds ?? [])];
  }

  /** In the major unit, as LINE Pay counts. */
  refundedAmount(transactionId: string): number {
    const currency = this.payments.get(transactionId)?.currency ?? "TWD";
    return this.refundsOf(transactionId).reduce((sum, refund) => sum + smallest(currency, refund.amount)!, 0) / 10 ** (DECIMALS[currency] ?? 0);
  }

  protected handle(request: RawRequest, res: ServerResponse): void {
    const nonce = header(request, "x-line-authorization-nonce");
    const call: LinePayCall = { method: request.method, path: request.path, rawQuery: request.rawQuery, body: request.body, signatureValid: false, ...(nonce ? { nonce } : {}), at: Date.now() };
    this.calls.push(call);
    const refundMatch = /^\/v3\/payments\/(\d+)\/refund$/.exec(request.path);
    if (refundMatch && request.method === "POST") this.refundPosts.set(refundMatch[1]!, this.refundCalls(refundMatch[1]!) + 1);

    const fault = this.faults.shift();
    if (fault) {
      call.fault = fault.kind;
      return this.playFault(fault, call, res);
    }
    call.signatureValid = this.signatureValid(request);
    if (!call.signatureValid) return this.answer(res, call, "1106");

    if (refundMatch && request.method === "POST") return this.refund(refundMatch[1]!, request.body, call, res);
    if (request.path === "/v3/payments" && request.method === "GET") return this.paymentDetails(request.rawQuery, call, res);
    this.sendJson(res, 404, JSON.stringify({ returnCode: "404", returnMessage: "Not Found" }));
  }

  private playFault(fault: LinePayFault, call: LinePayCall, res: ServerResponse): void {
    switch (fault.kind) {
      case "timeout":
        return this.hold(res);
      case "reset":
        return this.drop(res);
      case "http500":
        return this.sendJson(res, 500, JSON.stringify({ message: "Internal Server Error" }));
      case "http":
        return this.sendJson(res, fault.status, JSON.stringify({ message: `HTTP ${fault.status}` }), fault.retryAfterSeconds !== undefined ? { "retry-after": String(fault.retryAfterSeconds) } : {});
      case "code":
        return this.answer(res, call, fault.code, fault.message);
    }
  }

  private signatureValid(request: RawRequest): boolean {
    const channelId = header(request, "x-line-channelid");
    const nonce = header(request, "x-line-authorization-nonce");
    const signature = header(request, "x-line-authorization");
    if (channelId !== this.channelId || !nonce || !signature) return false;
    const payload = request.method === "GET" ? request.rawQuery : request.body;
    const expected = createHmac("sha256", this.channelSecret).update(this.channelSecret + request.path + payload + nonce, "utf8").digest();
    const given = Buffer.from(signature, "base64");
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private refund(transactionId: string, body: string, call: LinePayCall, res: ServerResponse): void {
    const payment = this.payments.get(transactionId);
    if (!payment) return this.answer(res, call, "1150");
    const ageMs = this.now().getTime() - payment.paidAt.getTime();
    if (ageMs > this.refundablePeriodDays * 24 * 3600 * 1000) return this.answer(res, call, "1163");
    // Counted in the smallest unit, so that 15.5 - 10.25 is exactly 5.25.
    const inSmallest = (amount: number) => smallest(payment.currency, amount)!;
    const scale = 10 ** (DECIMALS[payment.currency] ?? 0);
    const refunded = payment.refunds.reduce((sum, refund) => sum + inSmallest(refund.amount), 0);
    const remaining = inSmallest(payment.amount) - refunded;
    if (remaining <= 0) {
      // The 1165 tells what the details did not: from now on they show the refund.
      this.staleDetails.delete(transactionId);
      return this.answer(res, call, "1165");
    }

    let requested: unknown;
    try {
      requested = body ? (JSON.parse(body) as { refundAmount?: unknown }).refundAmount : undefined;
    } catch {
      return this.answer(res, call, "1124", "Amount info error. (body is not JSON)");
    }
    // A positive amount with no more decimals than the currency has (none for TWD and JPY).
    const requestedSmallest = typeof requested === "number" && requested > 0 ? smallest(payment.currency, requested) : null;
    if (requested !== undefined && requestedSmallest === null) return this.answer(res, call, "1124");
    if (requestedSmallest !== null && requestedSmallest > remaining) return this.answer(res, call, "1164");

    const refund: FakeRefund = {
      refundTransactionId: (this.nextRefundId++).toString(),
      amount: (requestedSmallest ?? remaining) / scale,
      transactionType: requested === undefined ? "PAYMENT_REFUND" : "PARTIAL_REFUND",
      refundTransactionDate: this.now().toISOString().replace(/\.\d{3}Z$/, "Z"),
    };
    payment.refunds.push(refund);
    const reply = () =>
      this.answer(res, call, "0000", undefined, { refundTransactionId: bareNumber(refund.refundTransactionId), refundTransactionDate: refund.refundTransactionDate });
    if (this.trapped.delete(transactionId)) {
      this.staleDetails.add(transactionId);
      call.fault = "refund_then_timeout";
      return this.hold(res);
    }
    if (this.lateRefunds > 0) {
      this.lateRefunds -= 1;
      call.fault = "refund_then_timeout";
      return this.hold(res, reply, this.lateAnswerMs);
    }
    reply();
  }

  private paymentDetails(rawQuery: string, call: LinePayCall, res: ServerResponse): void {
    const query = new URLSearchParams(rawQuery);
    const ids = query.getAll("transactionId");
    const orderIds = query.getAll("orderId");
    const found = [...this.payments.values()].filter(
      (payment) => (ids.length === 0 || ids.includes(payment.transactionId)) && (orderIds.length === 0 || orderIds.includes(payment.orderId)),
    );
    if (ids.length === 0 && orderIds.length === 0) return this.answer(res, call, "1124", "transactionId or orderId is required.");
    if (found.length === 0) return this.answer(res, call, "1150");
    this.answer(
      res,
      call,
      "0000",
      undefined,
      found.map((payment) => ({
        // As LINE Pay does: ids as bare numbers, refunds as negative amounts.
        transactionId: bareNumber(payment.transactionId),
        transactionDate: payment.paidAt.toISOString().replace(/\.\d{3}Z$/, "Z"),
        transactionType: "PAYMENT",
        productName: "Cyberbiz order",
        currency: payment.currency,
        orderId: payment.orderId,
        payInfo: [{ method: "BALANCE", amount: payment.amount }],
        ...(this.visibleRefunds(payment).length > 0
          ? {
              refundList: this.visibleRefunds(payment).map((refund) => ({
                refundTransactionId: bareNumber(refund.refundTransactionId),
                transactionType: refund.transactionType,
                refundAmount: -refund.amount,
                refundTransactionDate: refund.refundTransactionDate,
              })),
            }
          : {}),
      })),
    );
  }

  /** What the payment details show: all its refunds, but the last one while they lag behind (the trap). */
  private visibleRefunds(payment: Payment): FakeRefund[] {
    return this.staleDetails.has(payment.transactionId) ? payment.refunds.slice(0, -1) : payment.refunds;
  }

  private answer(res: ServerResponse, call: LinePayCall, returnCode: string, message?: string, info?: unknown): void {
    call.returnCode = returnCode;
    const body = { returnCode, returnMessage: message ?? MESSAGES[returnCode] ?? "Error.", ...(info !== undefined ? { info } : {}) };
    this.sendJson(res, 200, jsonWithBareNumbers(body));
  }
}

function header(request: RawRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
