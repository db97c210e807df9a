import type { ServerResponse } from "node:http";
import { LoopbackFake, type RawRequest } from "./loopback-fake";
import { header, linePaySignatureValid } from "./line-pay-signature";
import { LinePayState, type FakePaymentSeed, type FakeRefund } from "./line-pay-state";
import { answerText, paymentDetailsRoute, refundRoute, type LinePayAnswer } from "./line-pay-routes";

export type { FakePaymentSeed, FakeRefund } from "./line-pay-state";

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
  private readonly state = new LinePayState();
  private readonly faults: LinePayFault[] = [];
  private lateRefunds = 0;
  private lateAnswerMs?: number;

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
    this.state.addPayment(seed, this.now);
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
    this.state.armTrap(transactionId);
  }

  /** Refund requests that reached the fake for this payment, whatever became of them. */
  refundCalls(transactionId: string): number {
    return this.state.refundCalls(transactionId);
  }

  /** Refunds actually made on this payment, oldest first. */
  refundsOf(transactionId: string): FakeRefund[] {
    return this.state.refundsOf(transactionId);
  }

  /** In the major unit, as LINE Pay counts. */
  refundedAmount(transactionId: string): number {
    return this.state.refundedAmount(transactionId);
  }

  protected handle(request: RawRequest, res: ServerResponse): void {
    const nonce = header(request, "x-line-authorization-nonce");
    const call: LinePayCall = { method: request.method, path: request.path, rawQuery: request.rawQuery, body: request.body, signatureValid: false, ...(nonce ? { nonce } : {}), at: Date.now() };
    this.calls.push(call);
    const refundMatch = /^\/v3\/payments\/(\d+)\/refund$/.exec(request.path);
    if (refundMatch && request.method === "POST") this.state.countRefundPost(refundMatch[1]!);

    const fault = this.faults.shift();
    if (fault) {
      call.fault = fault.kind;
      return this.playFault(fault, call, res);
    }
    call.signatureValid = linePaySignatureValid(request, this.channelId, this.channelSecret);
    if (!call.signatureValid) return this.answer(res, call, { returnCode: "1106" });

    if (refundMatch && request.method === "POST") return this.refund(refundMatch[1]!, request.body, call, res);
    if (request.path === "/v3/payments" && request.method === "GET") return this.answer(res, call, paymentDetailsRoute(this.state, request.rawQuery));
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
        return this.answer(res, call, { returnCode: fault.code, message: fault.message });
    }
  }

  /** A refund, then its answer: at once, or too late when the trap or `refundThenTimeout` says so. */
  private refund(transactionId: string, body: string, call: LinePayCall, res: ServerResponse): void {
    const { answer, refund } = refundRoute(this.state, transactionId, body, { refundablePeriodDays: this.refundablePeriodDays, now: this.now });
    const reply = () => this.answer(res, call, answer);
    if (!refund) return reply();
    if (this.state.springTrap(transactionId)) {
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

  private answer(res: ServerResponse, call: LinePayCall, answer: LinePayAnswer): void {
    call.returnCode = answer.returnCode;
    this.sendJson(res, 200, answerText(answer));
  }
}
