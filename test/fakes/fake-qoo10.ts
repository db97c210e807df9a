import type { ServerResponse } from "node:http";
import { LoopbackFake, type RawRequest } from "./loopback-fake";
import { qapiMethod, type QapiResult } from "./qoo10-routes";
import { Qoo10State, type FakeQoo10OrderSeed, type Qoo10BuyerMessage, type Qoo10Cancellation } from "./qoo10-state";

export { japanLocal } from "./qoo10-dates";
export type { FakeQoo10OrderSeed, Qoo10BuyerMessage, Qoo10Cancellation } from "./qoo10-state";

const QAPI_PREFIX = "/GMKT.INC.Front.QAPIService/ebayjapan.qapi/";

export interface FakeQoo10Options {
  /** @defaultValue "qoo10-test-seller-key" */
  sellerKey?: string;
  /** @defaultValue () => new Date() */
  now?: () => Date;
}

export type Qoo10Fault =
  | { kind: "timeout" }
  | { kind: "reset" }
  | { kind: "http500" }
  /** HTTP 200 with this ResultCode, nothing done. */
  | { kind: "code"; code: number; message?: string };

export interface Qoo10Call {
  /** `Class.Method` as requested. */
  method: string;
  params: Record<string, string>;
  keyValid: boolean;
  resultCode?: number;
  fault?: Qoo10Fault["kind"];
  /** Order of arrival across every method: lets a test check the Q5 message came before the cancel. */
  seq: number;
  at: number;
}

const KEY_REJECTED = { ResultCode: -10000, ResultMsg: "Please check the Seller Authorization Key." };

/**
 * Qoo10's QAPI on loopback: every call is a form POST answered with HTTP 200 and a ResultCode.
 * Checks the `GiosisCertificationKey` header (wrong ⇒ -10000) and `QAPIVersion`; answers in JSON
 * only for `returnType=json`. Orders and claims are seeded by the test; cancel, claim accept,
 * claim search and the buyer message follow Qoo10's documented codes. Records buyer messages and
 * can fail the first N sends (to test the Q5 retry), and counts calls.
 */
export class FakeQoo10 extends LoopbackFake {
  readonly sellerKey: string;
  readonly calls: Qoo10Call[] = [];
  readonly messages: Qoo10BuyerMessage[];
  readonly cancellations: Qoo10Cancellation[];
  private readonly state: Qoo10State;
  private readonly faults: Qoo10Fault[] = [];
  private seq = 0;

  constructor(options: FakeQoo10Options = {}) {
    super();
    this.sellerKey = options.sellerKey ?? "qoo10-test-seller-key";
    this.state = new Qoo10State(options.now ?? (() => new Date()));
    this.messages = this.state.messages;
    this.cancellations = this.state.cancellations;
  }

  addOrder(seed: FakeQoo10OrderSeed): void {
    this.state.addOrder(seed);
  }

  /** The order's claim and shipping codes as the fake holds them now. */
  order(orderNo: number | string): { shippingStatus: number; claimStatus?: number } | undefined {
    const order = this.state.orders.get(String(orderNo));
    return order && { shippingStatus: order.shippingStatus, ...(order.claimStatus !== undefined ? { claimStatus: order.claimStatus } : {}) };
  }

  failNext(times: number, fault: Qoo10Fault): void {
    for (let i = 0; i < times; i++) this.faults.push(fault);
  }

  /** The next `times` buyer-message sends are answered as failed (ResultCode -10002 "Fail" by default). */
  failMessages(times: number, code = -10002, message = "Fail"): void {
    for (let i = 0; i < times; i++) this.state.messageFailures.push({ code, message });
  }

  callsTo(method: string): Qoo10Call[] {
    return this.calls.filter((call) => call.method.toLowerCase() === method.toLowerCase());
  }

  protected handle(request: RawRequest, res: ServerResponse): void {
    const params = Object.fromEntries(new URLSearchParams(request.body));
    const method = request.path.startsWith(QAPI_PREFIX) ? request.path.slice(QAPI_PREFIX.length) : request.path;
    const key = request.headers.giosiscertificationkey;
    const call: Qoo10Call = { method, params, keyValid: key === this.sellerKey, seq: ++this.seq, at: Date.now() };
    this.calls.push(call);
    const reply = (body: QapiResult) => this.reply(res, call, body);

    if (request.method !== "POST" || !request.path.startsWith(QAPI_PREFIX)) return this.sendJson(res, 404, JSON.stringify({ message: "Not Found" }));
    const fault = this.faults.shift();
    if (fault) {
      call.fault = fault.kind;
      if (fault.kind === "timeout") return this.hold(res);
      if (fault.kind === "reset") return this.drop(res);
      if (fault.kind === "http500") return this.sendJson(res, 500, JSON.stringify({ message: "Internal Server Error" }));
      return reply({ ResultCode: fault.code, ResultMsg: fault.message ?? "Error" });
    }
    if (!call.keyValid) return reply(KEY_REJECTED);
    if (request.headers.qapiversion === undefined) return reply({ ResultCode: -90001, ResultMsg: "The API does not exist" });
    reply(qapiMethod(this.state, method, params, call.seq));
  }

  /** HTTP 200 with the result: in JSON for `returnType=json`, else in QAPI's XML. */
  private reply(res: ServerResponse, call: Qoo10Call, body: QapiResult): void {
    call.resultCode = body.ResultCode;
    if (call.params.returnType !== "json" && call.params.returnType !== "application/json") {
      res.writeHead(200, { "content-type": "text/xml; charset=utf-8" });
      res.end(`<?xml version="1.0" encoding="utf-8"?><StdResult><ResultCode>${body.ResultCode}</ResultCode><ResultMsg>${body.ResultMsg}</ResultMsg></StdResult>`);
      return;
    }
    this.sendJson(res, 200, JSON.stringify(body));
  }
}
