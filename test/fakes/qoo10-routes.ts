// The buyer-message call is our assumption about QAPI (see qapi-methods.ts): the fake takes its
// name and shape from the same single place. Every other method is written out here independently.
import { QOO10_BUYER_MESSAGE } from "../../src/providers/qoo10/qapi-methods";
import { compactToMs, japanLocal } from "./qoo10-dates";
import { claimRow, orderRow } from "./qoo10-rows";
import type { Qoo10State } from "./qoo10-state";

/** What every QAPI method answers (with HTTP 200): a ResultCode, its message, and maybe an object. */
export interface QapiResult {
  ResultCode: number;
  ResultMsg: string;
  ResultObject?: unknown;
}

/** A QAPI method (`Class.Method`) on the fake's state; `seq` orders the calls. */
export function qapiMethod(state: Qoo10State, method: string, params: Record<string, string>, seq: number): QapiResult {
  // QAPI method names are case-insensitive.
  switch (method.toLowerCase()) {
    case "shippingbasic.getshippingandclaiminfobyorderno_v2":
      return orderInfo(state, params);
    case "claim.setcancelprocess":
      return cancel(state, params, seq);
    case "claim.setclaimaccept":
      return acceptClaim(state, params);
    case "shippingbasic.getclaiminfo_v3":
      return claimInfo(state, params);
    case QOO10_BUYER_MESSAGE.method.toLowerCase():
      return buyerMessage(state, params, seq);
    default:
      return { ResultCode: -90001, ResultMsg: "The API does not exist" };
  }
}

function orderInfo(state: Qoo10State, params: Record<string, string>): QapiResult {
  const order = state.orders.get(params.OrderNo ?? "");
  if (!/^\d+$/.test(params.OrderNo ?? "")) return { ResultCode: -10001, ResultMsg: "注文番号が正しくありません。" };
  if (!order) return { ResultCode: -10002, ResultMsg: "注文情報がありません。" };
  return { ResultCode: 0, ResultMsg: "SUCCESS", ResultObject: [orderRow(order, state.now)] };
}

function cancel(state: Qoo10State, params: Record<string, string>, seq: number): QapiResult {
  const order = state.orders.get(params.ContrNo ?? "");
  if (!/^\d+$/.test(params.ContrNo ?? "")) return { ResultCode: -10001, ResultMsg: "注文番号が正しくありません。" };
  if (!order) return { ResultCode: -10002, ResultMsg: "注文情報がありません。" };
  const reason = params.CancelReason ?? "";
  if (!["", "1", "2", "3"].includes(reason)) return { ResultCode: -10001, ResultMsg: "CancelReason is invalid." };
  const cancellable = order.shippingStatus <= 3 && (order.claimStatus === undefined || order.claimStatus === 1 || order.claimStatus === 2);
  if (!cancellable) return { ResultCode: -10004, ResultMsg: "注文状態が正しくありません。" };
  order.claimStatus = 3;
  order.cancelRefundDate = japanLocal(state.now());
  order.requestDate ??= order.cancelRefundDate;
  state.cancellations.push({ orderNo: String(order.orderNo), cancelReason: reason, ...(params.SellerMemo !== undefined ? { sellerMemo: params.SellerMemo } : {}), seq });
  return { ResultCode: 0, ResultMsg: "SUCCESS" };
}

function acceptClaim(state: Qoo10State, params: Record<string, string>): QapiResult {
  const order = state.orders.get(params.orderNo ?? "");
  if (!/^\d+$/.test(params.orderNo ?? "")) return { ResultCode: -10001, ResultMsg: "注文番号が正しくありません。" };
  if (!order) return { ResultCode: -10002, ResultMsg: "注文情報がありません。" };
  if (order.claimStatus !== 4) return { ResultCode: -10004, ResultMsg: "注文状態が正しくありません。" };
  order.claimStatus = 5;
  return { ResultCode: 0, ResultMsg: "SUCCESS" };
}

function claimInfo(state: Qoo10State, params: Record<string, string>): QapiResult {
  const from = params.search_Sdate ?? "";
  const to = params.search_Edate ?? "";
  if (!/^(\d{8}|\d{14})$/.test(from) || !/^(\d{8}|\d{14})$/.test(to)) return { ResultCode: -10002, ResultMsg: "Search Date Error" };
  const [fromMs, toMs] = [compactToMs(from), compactToMs(to)];
  if (toMs - fromMs > 90 * 86_400_000) return { ResultCode: -10003, ResultMsg: "Searching period exceeds to 90 days." };
  const condition = params.search_condition ?? "2";
  const found = [...state.orders.values()].filter((order) => {
    if (order.claimStatus === undefined) return false;
    if (params.ClaimStat && Number(params.ClaimStat) !== order.claimStatus) return false;
    const date = condition === "1" ? order.orderDate : condition === "3" ? order.cancelRefundDate : order.requestDate;
    if (!date) return false;
    const at = compactToMs(date.replace(/\D/g, ""));
    return at >= fromMs && at <= toMs + (to.length === 8 ? 86_399_000 : 0);
  });
  return { ResultCode: 0, ResultMsg: "SUCCESS", ResultObject: found.map(claimRow) };
}

function buyerMessage(state: Qoo10State, params: Record<string, string>, seq: number): QapiResult {
  const orderNo = params.OrderNo ?? "";
  if (!state.orders.has(orderNo)) return { ResultCode: -10002, ResultMsg: "注文情報がありません。" };
  const message = { orderNo, category: params.MessageType ?? "", title: params.Title ?? "", contents: params.Contents ?? "", seq };
  const failure = state.messageFailures.shift();
  if (failure) {
    state.messages.push({ ...message, delivered: false });
    return { ResultCode: failure.code, ResultMsg: failure.message };
  }
  state.messages.push({ ...message, delivered: true });
  return { ResultCode: 0, ResultMsg: "SUCCESS", ResultObject: { MessageNo: 880_000 + seq } };
}
