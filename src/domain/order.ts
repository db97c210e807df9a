import { z } from "zod";

/** The platforms whose rules the engine knows (docs/rules.md). */
export const platformSchema = z.enum(["cyberbiz", "qoo10"]);
export type Platform = z.infer<typeof platformSchema>;
export const PLATFORMS = platformSchema.options;

export const cyberbizStatusSchema = z.enum(["unshipped", "shipped", "delivered", "cancelled"]);
export type CyberbizStatus = z.infer<typeof cyberbizStatusSchema>;

/** Our codes for the statuses J·QSM shows (docs/rules.md, "Qoo10 J·QSM"). */
export const qoo10StatusSchema = z.enum([
  "new",
  "awaiting_shipment",
  "shipping_delayed",
  "in_transit",
  "completed",
  "cancelled",
  "returned",
]);
export type Qoo10Status = z.infer<typeof qoo10StatusSchema>;

export const paymentMethodSchema = z.enum([
  "line_pay",
  "credit_card",
  "bank_transfer",
  "convenience_store",
  "other",
]);
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;

/** ISO 8601 with a zone (Z or an offset), so that "60 days" means the same everywhere. */
export const timestampSchema = z.iso.datetime({ offset: true, message: "expected an ISO 8601 timestamp with a zone, e.g. 2026-11-23T10:00:00+08:00" });

/** Amounts are whole numbers in the currency's smallest unit. */
export const amountSchema = z.int({ message: "expected a whole number" }).min(0, { message: "expected a whole number ≥ 0" });

const orderFields = {
  orderId: z.string({ error: "expected a non-empty order id" }).trim().min(1, { message: "expected a non-empty order id" }).max(64),
  paymentMethod: paymentMethodSchema,
  /** The payment provider's id; LINE Pay's has 19 digits, beyond 2^53, so it is always a string. */
  transactionId: z.string({ error: "expected a string: a 19-digit LINE Pay id loses digits as a JSON number" }).trim().min(1).max(64).optional(),
  currency: z.string({ error: "expected an ISO 4217 code such as TWD or JPY" }).regex(/^[A-Z]{3}$/, { message: "expected an ISO 4217 code such as TWD or JPY" }),
  total: amountSchema,
  refunded: amountSchema.default(0),
  createdAt: timestampSchema,
  pointsUsed: amountSchema.default(0),
  couponCodes: z.array(z.string().trim().min(1).max(64)).max(50).default([]),
  customerCancelRequested: z.boolean().default(false),
  buyerLocale: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: "expected a BCP 47 tag such as ja-JP" }).optional(),
  /**
   * (ours) What the order's open requests (filed, waiting, approved, executing, failed or handed to a
   * person) will refund and have not refunded yet: held back from what is still refundable (G2).
   * The store fills it in; 0 for an order given alone (a policy check).
   */
  pending: amountSchema.default(0),
  /**
   * (ours) What the order's other requests refund, open ones and those completed within the
   * approval window: the approval thresholds apply to it and the request's own refund together.
   */
  recentRefunds: amountSchema.default(0),
};

const cyberbizOrderSchema = z.object({ platform: z.literal("cyberbiz"), status: cyberbizStatusSchema, ...orderFields });
const qoo10OrderSchema = z.object({ platform: z.literal("qoo10"), status: qoo10StatusSchema, ...orderFields });

/** An order named by its id, with its platform when that was given. */
export interface OrderRef {
  platform?: Platform;
  orderId: string;
}

/** An order snapshot, as the engine reads it. The status vocabulary depends on the platform. */
export const orderSchema = z
  .discriminatedUnion("platform", [cyberbizOrderSchema, qoo10OrderSchema])
  .superRefine(
    (order, ctx) => {
      if (order.refunded > order.total) {
        ctx.addIssue({ code: "custom", path: ["refunded"], message: `expected at most total (${order.total})` });
      }
    },
    // Only once every field is valid: a negative total would otherwise add a misleading "refunded" problem.
    { when: (payload) => payload.issues.length === 0 },
  );
export type Order = z.infer<typeof orderSchema>;
export type OrderInput = z.input<typeof orderSchema>;
export type CyberbizOrder = Extract<Order, { platform: "cyberbiz" }>;
export type Qoo10Order = Extract<Order, { platform: "qoo10" }>;

/** What is still refundable on an order (policy G2): its total, less what was refunded, less what its open requests hold. */
export function refundableRemainder(order: Pick<Order, "total" | "refunded"> & Partial<Pick<Order, "pending">>): number {
  return Math.max(0, order.total - order.refunded - (order.pending ?? 0));
}
