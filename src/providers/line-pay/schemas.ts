import { z } from "zod";

/**
 * A LINE Pay id after lossless parsing: a string of digits when it was beyond 2^53, a safe number
 * otherwise; always handed on as the string of its digits.
 */
export const linePayIdSchema = z
  .union([z.string().regex(/^\d{1,32}$/), z.number().int().nonnegative().refine(Number.isSafeInteger)])
  .transform((id) => String(id));

/** Every answer: a return code and message, and `info` on success. Extra fields are ignored. */
export const linePayEnvelopeSchema = z.object({
  returnCode: z.union([z.string(), z.number()]).transform((code) => String(code).padStart(4, "0")),
  returnMessage: z.string().default(""),
  info: z.unknown().optional(),
});
export type LinePayEnvelope = z.infer<typeof linePayEnvelopeSchema>;

export const linePayRefundInfoSchema = z.object({
  refundTransactionId: linePayIdSchema,
  refundTransactionDate: z.string(),
});

export const linePayRefundListItemSchema = z.object({
  refundTransactionId: linePayIdSchema,
  transactionType: z.string().optional(),
  /** LINE Pay writes refunds as negative amounts; we keep the magnitude. */
  refundAmount: z.number(),
  refundTransactionDate: z.string(),
});

export const linePayPaymentInfoSchema = z.object({
  transactionId: linePayIdSchema,
  transactionType: z.string().optional(),
  orderId: z.string().optional(),
  currency: z.string().optional(),
  payInfo: z.array(z.object({ method: z.string().optional(), amount: z.number() })).optional(),
  refundList: z.array(linePayRefundListItemSchema).optional(),
});

export const linePayPaymentDetailsInfoSchema = z.array(linePayPaymentInfoSchema);
