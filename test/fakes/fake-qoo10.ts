import type { ServerResponse } from "node:http";
// The buyer-message call is our assumption about QAPI (see qapi-methods.ts): the fake takes its
// name and shape from the same single place. Every other method is written out here independently.
import { QOO10_BUYER_MESSAGE } from "../../src/providers/qoo10/qapi-methods";
import { LoopbackFake, type RawRequest } from "./loopback-fake";

const QAPI_PREFIX = "/GMKT.INC.Front.QAPIService/ebayjapan.qapi/";

export interface FakeQoo10Options {
  /** @defaultValue "qoo10-test-seller-key" */
  sellerKey?: string;
  /** @defaultValue () => new Date() */
  now?: () => Date;
}

export interface FakeQoo10OrderSeed {
  orderNo: number;
  /** QAPI shipping code: 1 waiting, 2 requested (new), 3 preparing, 4 in delivery, 5 delivered. @defaultValue 2 */
  shippingStatus?: number;
  /** QAPI claim code (1 cancel requested … 6 return complete), or none. */
  claimStatus?: number;
  /** @defaultValue 5800 */
  total?: number;
  /** @defaultValue "JPY" */
  currency?: string;
  /** Japan local time `YYYY-MM-DD HH:MM:SS`. @defaultValue now in Japan */
  orderDate?: string;
  /** @defaultValue "Credit Card" */
  paymentMethod?: string;
  /** @defaultValue "JP" */
  paymentNation?: string;
  reason?: string;
  /** Japan local time; when the claim was filed. */
  requestDate?: string;
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

export interface Qoo10BuyerMessage {
  orderNo: string;
  category: string;
  title: string;
  contents: string;
  /** False for a send the fake answered as failed. */
  delivered: boolean;
  seq: number;
}

export interface Qoo10Cancellation {
  orderNo: string;
  cancelReason: string;
  sellerMemo?: string;
  seq: number;
}

interface FakeOrder {
  orderNo: number;
  shippingStatus: number;
  claimStatus?: number;
  total: number;
  currency: string;
  orderDate: string;
  paymentMethod: string;
  paymentNation: string;
  reason?: string;
  requestDate?: string;
  cancelRefundDate?: string;
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
  readonly messages: Qoo10BuyerMessage[] = [];
  readonly cancellations: Qoo10Cancellation[] = [];
  private readonly now: () => Date;
  private readonly orders = new Map<string, FakeOrder>();
  private readonly faults: Qoo10Fault[] = [];
  private messageFailures: Array<{ code: number; message: string }> = [];
  private seq = 0;

  constructor(options: FakeQoo10Options = {}) {
    super();
    this.sellerKey = options.sellerKey ?? "qoo10-test-seller-key";
    this.now = options.now ?? (() => new Date());
  }

  addOrder(seed: FakeQoo10OrderSeed): void {
    this.orders.set(String(seed.orderNo), {
      orderNo: seed.orderNo,
      shippingStatus: seed.shippingStatus ?? 2,
      ...(seed.claimStatus !== undefined ? { claimStatus: seed.claimStatus } : {}),
      total: seed.total ?? 5800,
      currency: seed.currency ?? "JPY",
      orderDate: seed.orderDate ?? japanLocal(this.now()),
      paymentMethod: seed.paymentMethod ?? "Credit Card",
      paymentNation: seed.paymentNation ?? "JP",
      ...(seed.reason !== undefined ? { reason: seed.reason } : {}),
      ...(seed.claimStatus !== undefined ? { requestDate: seed.requestDate ?? japanLocal(this.now()) } : {}),
    });
  }

  /** The order's claim and shipping codes as the fake holds them now. */
  order(orderNo: number | string): { shippingStatus: number; claimStatus?: number } | undefined {
    const order = this.orders.get(String(orderNo));
    return order && { shippingStatus: order.shippingStatus, ...(order.claimStatus !== undefined ? { claimStatus: order.claimStatus } : {}) };
  }

  failNext(times: number, fault: Qoo10Fault): void {
    for (let i = 0; i < times; i++) this.faults.push(fault);
  }

  /** The next `times` buyer-message sends are answered as failed (ResultCode -10002 "Fail" by default). */
  failMessages(times: number, code = -10002, message = "Fail"): void {
    for (let i = 0; i < times; i++) this.messageFailures.push({ code, message });
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
    const reply = (body: { ResultCode: number; ResultMsg: string; ResultObject?: unknown }) => {
      call.resultCode = body.ResultCode;
      if (params.returnType !== "json" && params.returnType !== "application/json") {
        res.writeHead(200, { "content-type": "text/xml; charset=utf-8" });
        res.end(`<?xml version="1.0" encoding="utf-8"?><StdResult><ResultCode>${body.ResultCode}</ResultCode><ResultMsg>${body.ResultMsg}</ResultMsg></StdResult>`);
        return;
      }
      this.sendJson(res, 200, JSON.stringify(body));
    };

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

    // QAPI method names are case-insensitive.
    switch (method.toLowerCase()) {
      case "shippingbasic.getshippingandclaiminfobyorderno_v2":
        return reply(this.orderInfo(params));
      case "claim.setcancelprocess":
        return reply(this.cancel(params, call.seq));
      case "claim.setclaimaccept":
        return reply(this.acceptClaim(params));
      case "shippingbasic.getclaiminfo_v3":
        return reply(this.claimInfo(params));
      case QOO10_BUYER_MESSAGE.method.toLowerCase():
        return reply(this.buyerMessage(params, call.seq));
      default:
        return reply({ ResultCode: -90001, ResultMsg: "The API does not exist" });
    }
  }

  private orderInfo(params: Record<string, string>) {
    const order = this.orders.get(params.OrderNo ?? "");
    if (!/^\d+$/.test(params.OrderNo ?? "")) return { ResultCode: -10001, ResultMsg: "注文番号が正しくありません。" };
    if (!order) return { ResultCode: -10002, ResultMsg: "注文情報がありません。" };
    return { ResultCode: 0, ResultMsg: "SUCCESS", ResultObject: [this.row(order)] };
  }

  private cancel(params: Record<string, string>, seq: number) {
    const order = this.orders.get(params.ContrNo ?? "");
    if (!/^\d+$/.test(params.ContrNo ?? "")) return { ResultCode: -10001, ResultMsg: "注文番号が正しくありません。" };
    if (!order) return { ResultCode: -10002, ResultMsg: "注文情報がありません。" };
    const reason = params.CancelReason ?? "";
    if (!["", "1", "2", "3"].includes(reason)) return { ResultCode: -10001, ResultMsg: "CancelReason is invalid." };
    const cancellable = order.shippingStatus <= 3 && (order.claimStatus === undefined || order.claimStatus === 1 || order.claimStatus === 2);
    if (!cancellable) return { ResultCode: -10004, ResultMsg: "注文状態が正しくありません。" };
    order.claimStatus = 3;
    order.cancelRefundDate = japanLocal(this.now());
    order.requestDate ??= order.cancelRefundDate;
    this.cancellations.push({ orderNo: String(order.orderNo), cancelReason: reason, ...(params.SellerMemo !== undefined ? { sellerMemo: params.SellerMemo } : {}), seq });
    return { ResultCode: 0, ResultMsg: "SUCCESS" };
  }

  private acceptClaim(params: Record<string, string>) {
    const order = this.orders.get(params.orderNo ?? "");
    if (!/^\d+$/.test(params.orderNo ?? "")) return { ResultCode: -10001, ResultMsg: "注文番号が正しくありません。" };
    if (!order) return { ResultCode: -10002, ResultMsg: "注文情報がありません。" };
    if (order.claimStatus !== 4) return { ResultCode: -10004, ResultMsg: "注文状態が正しくありません。" };
    order.claimStatus = 5;
    return { ResultCode: 0, ResultMsg: "SUCCESS" };
  }

  private claimInfo(params: Record<string, string>) {
    const from = params.search_Sdate ?? "";
    const to = params.search_Edate ?? "";
    if (!/^(\d{8}|\d{14})$/.test(from) || !/^(\d{8}|\d{14})$/.test(to)) return { ResultCode: -10002, ResultMsg: "Search Date Error" };
    const [fromMs, toMs] = [compactToMs(from), compactToMs(to)];
    if (toMs - fromMs > 90 * 86_400_000) return { ResultCode: -10003, ResultMsg: "Searching period exceeds to 90 days." };
    const condition = params.search_condition ?? "2";
    const found = [...this.orders.values()].filter((order) => {
      if (order.claimStatus === undefined) return false;
      if (params.ClaimStat && Number(params.ClaimStat) !== order.claimStatus) return false;
      const date = condition === "1" ? order.orderDate : condition === "3" ? order.cancelRefundDate : order.requestDate;
      if (!date) return false;
      const at = compactToMs(date.replace(/\D/g, ""));
      return at >= fromMs && at <= toMs + (to.length === 8 ? 86_399_000 : 0);
    });
    return {
      ResultCode: 0,
      ResultMsg: "SUCCESS",
      ResultObject: found.map((order) => ({
        claimStatus: String(order.claimStatus),
        cancelRefundDate: order.cancelRefundDate ?? "",
        reason: order.reason ?? "",
        requestDate: order.requestDate ?? "",
        orderDate: order.orderDate,
        orderNo: order.orderNo,
        orderQty: 1,
        currency: order.currency,
        paymentAmount: order.total,
        buyer: "山田 太郎",
        buyerMobile: "+81-90-0000-0000",
      })),
    };
  }

  private buyerMessage(params: Record<string, string>, seq: number) {
    const orderNo = params.OrderNo ?? "";
    if (!this.orders.has(orderNo)) return { ResultCode: -10002, ResultMsg: "注文情報がありません。" };
    const message = { orderNo, category: params.MessageType ?? "", title: params.Title ?? "", contents: params.Contents ?? "", seq };
    const failure = this.messageFailures.shift();
    if (failure) {
      this.messages.push({ ...message, delivered: false });
      return { ResultCode: failure.code, ResultMsg: failure.message };
    }
    this.messages.push({ ...message, delivered: true });
    return { ResultCode: 0, ResultMsg: "SUCCESS", ResultObject: { MessageNo: 880_000 + seq } };
  }

  /** One row of GetShippingAndClaimInfoByOrderNo_V2, with Qoo10's field names (and buyer data the client must not log). */
  private row(order: FakeOrder) {
    return {
      shippingStatus: String(order.shippingStatus),
      sellerID: "fakeseller",
      packNo: 500_000_000 + order.orderNo,
      orderDate: order.orderDate,
      PaymentDate: order.orderDate,
      DeliveredDate: order.shippingStatus === 5 ? japanLocal(this.now()) : "",
      buyer: "山田 太郎",
      buyer_gata: "ヤマダ タロウ",
      buyerTel: "+81-3-0000-0000",
      buyerMobile: "+81-90-0000-0000",
      buyerEmail: "taro@example.jp",
      OrderType: "Normal",
      orderNo: order.orderNo,
      itemCode: "1000000001",
      sellerItemCode: "SKU-1",
      itemTitle: "テスト商品",
      option: "",
      optionCode: "",
      orderPrice: order.total,
      orderQty: 1,
      discount: 0,
      total: order.total,
      receiver: "山田 太郎",
      shippingCountry: "JP",
      zipCode: "100-0001",
      shippingAddr: "東京都千代田区千代田1-1",
      paymentNation: order.paymentNation,
      PaymentMethod: order.paymentMethod,
      Gift: "N",
      claimStatus: order.claimStatus !== undefined ? String(order.claimStatus) : "",
      cancelRefundDate: order.cancelRefundDate ?? "",
      reason: order.reason ?? "",
      requestDate: order.requestDate ?? "",
      shippingDate: order.shippingStatus >= 4 ? order.orderDate : "",
      currency: order.currency,
    };
  }
}

/** `YYYY-MM-DD HH:MM:SS` in Japan (UTC+9, no DST), as QAPI writes dates. */
export function japanLocal(date: Date): string {
  return new Date(date.getTime() + 9 * 3600 * 1000).toISOString().slice(0, 19).replace("T", " ");
}

/** `yyyyMMdd[HHmmss]` Japan local ⇒ epoch ms (only used to compare dates inside the fake). */
function compactToMs(compact: string): number {
  const c = compact.padEnd(14, "0");
  return Date.UTC(Number(c.slice(0, 4)), Number(c.slice(4, 6)) - 1, Number(c.slice(6, 8)), Number(c.slice(8, 10)), Number(c.slice(10, 12)), Number(c.slice(12, 14)));
}
