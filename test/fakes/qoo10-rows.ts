import { japanLocal } from "./qoo10-dates";
import type { FakeOrder } from "./qoo10-state";

/** One row of GetShippingAndClaimInfoByOrderNo_V2, with Qoo10's field names (and buyer data the client must not log). */
export function orderRow(order: FakeOrder, now: () => Date) {
  return {
    shippingStatus: String(order.shippingStatus),
    sellerID: "fakeseller",
    packNo: 500_000_000 + order.orderNo,
    orderDate: order.orderDate,
    PaymentDate: order.orderDate,
    DeliveredDate: order.shippingStatus === 5 ? japanLocal(now()) : "",
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

/** One row of GetClaimInfo_V3, with Qoo10's field names. */
export function claimRow(order: FakeOrder) {
  return {
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
  };
}
