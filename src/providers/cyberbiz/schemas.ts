import { z } from "zod";

/** Money is a JSON float (`9999.0`) in Cyberbiz answers; accept a numeric string too. */
const money = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/).transform(Number)]).nullish();

const coupon = z.object({ code: z.string().nullish(), amount: money }).nullish();

const statuses = z.object({
  order_status: z.string().nullish(),
  financial_status: z.string().nullish(),
  fulfillment_status: z.string().nullish(),
  return_status: z.string().nullish(),
});

/**
 * The fields of a Cyberbiz order (GET /v1/orders/{id}) that we read. Everything may be null
 * (Cyberbiz guarantees no field); unknown fields are ignored. `statuses` is where the v1 API puts
 * the status fields; top-level copies are accepted too, as some payloads flatten them.
 */
export const cyberbizOrderSchema = z.object({
  id: z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String),
  order_number: z.union([z.number(), z.string()]).nullish(),
  created_at: z.string(),
  payment_method: z.string().nullish(),
  payment_name: z.string().nullish(),
  /** The payment provider's id: LINE Pay's 19 digits arrive as a string after lossless parsing. */
  transaction_number: z
    .union([z.string(), z.number()])
    .nullish()
    .transform((value) => (value === null || value === undefined || value === "" ? undefined : String(value))),
  subtotal_price: money,
  prices: z
    .object({
      total_price: money,
      discounts: z
        .object({
          bonus_consumed: money,
          coupon_discount: coupon,
          coupon_discounts: z.array(coupon).nullish(),
        })
        .nullish(),
    })
    .nullish(),
  statuses: statuses.nullish(),
  order_status: z.string().nullish(),
  financial_status: z.string().nullish(),
  fulfillment_status: z.string().nullish(),
  return_histories: z.array(z.object({ price: money }).nullish()).nullish(),
  customer_cancel_reason_detail: z.unknown().nullish(),
});
export type CyberbizOrder = z.infer<typeof cyberbizOrderSchema>;

/** Cyberbiz's error envelopes: `{error: [..]}`, `{error: ".."}`, `{message: ".."}`, `{messages: ".."}`. */
export const cyberbizErrorSchema = z.object({
  error: z.union([z.array(z.string()), z.string()]).optional(),
  message: z.string().optional(),
  messages: z.union([z.array(z.string()), z.string()]).optional(),
});
