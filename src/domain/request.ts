import { z } from "zod";
import { amountSchema, platformSchema, timestampSchema } from "./order";

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

/** How support people say a request's number: a stable code, the same in every language. */
export function requestLabel(id: number): string {
  return `RD-${id}`;
}

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

/** How a request reached the bot. */
export const requestOriginSchema = z.enum(["slack", "intake", "bulk", "cli"]);
export type RequestOrigin = z.infer<typeof requestOriginSchema>;

/**
 * What the one who files a request chooses: the request in the engine's vocabulary without its
 * clock, and a note for the approvers. The Slack modal, the intake webhook and a batch each fill it.
 */
export const requestChoicesSchema = refundRequestSchema.omit({ requestedAt: true }).extend({
  note: z.string().max(2000).optional(),
});
export type RequestChoices = z.infer<typeof requestChoicesSchema>;

/**
 * A request as it is filed: the one declaration of its fields, from which the filing use case's
 * input and the store's row are derived.
 */
export const newRequestSchema = requestChoicesSchema.extend({
  platform: platformSchema,
  orderId: z.string().min(1).max(64),
  /** The order's currency: the amount is in its smallest unit. */
  currency: z.string().regex(/^[A-Z]{3}$/),
  requestedAt: z.date(),
  /** A Slack user id, or `intake:<source>`. */
  requestedBy: z.string().min(1),
  origin: requestOriginSchema,
  /** The channel the command came from, where the agent is told it was filed. */
  originChannel: z.string().optional(),
  /** A retried submission with the same key finds the first request instead of filing a second. */
  idempotencyKey: z.string().optional(),
  /** The customer's own words (intake). */
  customerMessage: z.string().optional(),
  /** The customer has filed a cancel request for this order (Q4, Q11). */
  customerFiledCancel: z.boolean().optional(),
  batchId: z.string().optional(),
});
export type NewRequest = z.infer<typeof newRequestSchema>;
