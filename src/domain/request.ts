import { z } from "zod";
import { amountSchema, timestampSchema } from "./order";

export const requestKindSchema = z.enum(["cancel", "refund", "return"]);
export type RequestKind = z.infer<typeof requestKindSchema>;

/** Who caused the cancellation (Q1): the store or the customer. */
export const initiatorSchema = z.enum(["store", "customer"]);
export type Initiator = z.infer<typeof initiatorSchema>;

export const reasonSchema = z.enum([
  "out_of_stock",
  "shipping_delay",
  "undeliverable_region",
  "customer_request",
  "defective_item",
  "wrong_item",
  "modify_order",
  "other",
]);
export type Reason = z.infer<typeof reasonSchema>;
export const REASONS = reasonSchema.options;

/** A request as the engine checks it against an order (docs/rules.md, "Request"). */
export const refundRequestSchema = z.object({
  kind: requestKindSchema,
  initiator: initiatorSchema,
  reason: reasonSchema,
  /** Absent means the full refundable amount. */
  amount: amountSchema.optional(),
  notifyCustomer: z.boolean().default(false),
  flagCustomer: z.boolean().default(false),
  returnReceived: z.boolean().default(false),
  /** The engine's "now": it never reads the clock. */
  requestedAt: timestampSchema,
});
export type RefundRequest = z.infer<typeof refundRequestSchema>;
export type RefundRequestInput = z.input<typeof refundRequestSchema>;
