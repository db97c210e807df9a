import { z } from "zod";
import { platformSchema, type Platform } from "../order";
import { initiatorSchema, reasonSchema, requestKindSchema } from "../request";

/** B12: a batch's id, as people read it and as buttons and jobs carry it. */
export const batchIdSchema = z.string().regex(/^B[1-9]\d{0,11}$/);
export type BatchId = z.infer<typeof batchIdSchema>;

/** At most this many orders in one batch (a CSV file); a slash command is capped lower (MAX_ORDERS_PER_COMMAND). */
/** The lines of a batch that were not recognised, as stored with it. */
export function skippedOf(batch: { skipped: unknown }): SkippedItem[] {
  return skippedItemSchema.array().parse(batch.skipped);
}

export const MAX_BATCH_ITEMS = 10_000;

/** One recognised order of a batch, as stored in `batches.items` before (and while) it is filed. */
export const batchItemSchema = z.object({
  platform: platformSchema,
  orderId: z.string().min(1).max(64),
  /** The order's currency when it was recognised: a member is stored with it. */
  currency: z.string().regex(/^[A-Z]{3}$/),
  /** This line's own reason (CSV); absent: the batch's reason. */
  reason: reasonSchema.optional(),
  /** This line's own amount (CSV); absent: everything refundable. */
  amount: z.int().positive().optional(),
  /** The CSV line it came from. */
  line: z.int().positive().optional(),
});
export type BatchItem = z.infer<typeof batchItemSchema>;

/** An id that was not filed, and why: the agent saw it before confirming, the summary lists it again. */
export const skippedItemSchema = z.object({
  ref: z.string().min(1).max(80),
  why: z.enum(["unknown", "ambiguous"]),
  line: z.int().positive().optional(),
  /** Ambiguous: the platforms that have an order with this id. */
  platforms: z.array(platformSchema).optional(),
});
export type SkippedItem = z.infer<typeof skippedItemSchema>;

/** What every member of a batch shares: asked once in the bulk modal. */
export const batchSharedSchema = z.object({
  kind: requestKindSchema,
  initiator: initiatorSchema,
  /** The reason of every line that names none. */
  reason: reasonSchema.optional(),
  notifyCustomer: z.boolean(),
  flagCustomer: z.boolean(),
  returnReceived: z.boolean(),
  note: z.string().max(2000).optional(),
});
export type BatchShared = z.infer<typeof batchSharedSchema>;

export const batchStateSchema = z.enum(["draft", "filing", "running", "finished"]);
export type BatchState = z.infer<typeof batchStateSchema>;

export const batchSourceSchema = z.enum(["command", "csv"]);
export type BatchSource = z.infer<typeof batchSourceSchema>;

/**
 * A member's idempotency key: filing a batch again (a resumed job, a retried confirmation) finds
 * the requests it filed before instead of filing an order twice.
 */
export function memberIdempotencyKey(batchId: string, platform: Platform, orderId: string): string {
  return `batch:${batchId}:${platform}:${orderId}`;
}

export function orderKey(platform: Platform, orderId: string): string {
  return `${platform}:${orderId}`;
}
