import { orderSchema, type Order, type OrderInput } from "../domain/order";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A handful of orders that show every kind of decision, dated relative to `now` so that the
 * 60-day LINE Pay window (C7) means the same thing whenever the demo is loaded.
 */
export function demoOrders(now: Date): Order[] {
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  const orders: OrderInput[] = [
    // Cyberbiz + LINE Pay
    { platform: "cyberbiz", orderId: "CB1001", status: "unshipped", paymentMethod: "line_pay", transactionId: "2026112310000000001", currency: "TWD", total: 1200, createdAt: daysAgo(3), pointsUsed: 100, couponCodes: ["WELCOME10"], buyerLocale: "zh-TW" },
    { platform: "cyberbiz", orderId: "CB1002", status: "shipped", paymentMethod: "line_pay", transactionId: "2026112310000000002", currency: "TWD", total: 2480, createdAt: daysAgo(10), buyerLocale: "zh-TW" },
    { platform: "cyberbiz", orderId: "CB1003", status: "unshipped", paymentMethod: "line_pay", transactionId: "2026112310000000003", currency: "TWD", total: 890, createdAt: daysAgo(75), buyerLocale: "zh-TW" },
    { platform: "cyberbiz", orderId: "CB1004", status: "delivered", paymentMethod: "line_pay", transactionId: "2026112310000000004", currency: "TWD", total: 3000, refunded: 500, createdAt: daysAgo(20), buyerLocale: "en" },
    { platform: "cyberbiz", orderId: "CB1005", status: "cancelled", paymentMethod: "credit_card", currency: "TWD", total: 650, refunded: 650, createdAt: daysAgo(5) },
    // Qoo10
    { platform: "qoo10", orderId: "QX2001", status: "new", paymentMethod: "credit_card", currency: "JPY", total: 5800, createdAt: daysAgo(1), buyerLocale: "ja-JP" },
    { platform: "qoo10", orderId: "QX2002", status: "awaiting_shipment", paymentMethod: "credit_card", currency: "JPY", total: 12800, createdAt: daysAgo(2), customerCancelRequested: true, buyerLocale: "ja-JP" },
    { platform: "qoo10", orderId: "QX2003", status: "shipping_delayed", paymentMethod: "bank_transfer", currency: "JPY", total: 4200, createdAt: daysAgo(6), buyerLocale: "ja-JP" },
    { platform: "qoo10", orderId: "QX2004", status: "in_transit", paymentMethod: "convenience_store", currency: "JPY", total: 7600, createdAt: daysAgo(8), buyerLocale: "zh-CN" },
    { platform: "qoo10", orderId: "QX2005", status: "completed", paymentMethod: "credit_card", currency: "JPY", total: 9900, createdAt: daysAgo(15), buyerLocale: "en-US" },
    { platform: "qoo10", orderId: "QX2006", status: "cancelled", paymentMethod: "credit_card", currency: "JPY", total: 3100, refunded: 3100, createdAt: daysAgo(4), buyerLocale: "ja-JP" },
  ];
  return orders.map((order) => orderSchema.parse(order));
}
