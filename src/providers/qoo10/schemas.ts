import { z } from "zod";

const text = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((value) => (value === null || value === undefined || value === "" ? undefined : String(value)));

const decimal = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/).transform(Number)]).nullish();

/**
 * Every QAPI answer: `ResultCode` (0 = OK) and `ResultMsg`, `ResultObject` on success, HTTP 200
 * even on errors. Some failures (an unknown method, a rejected key at the gateway) come as
 * `ErrorCode`/`ErrorMsg` instead; both shapes are read.
 */
export const qapiEnvelopeSchema = z
  .object({
    ResultCode: z.coerce.number().optional(),
    ResultMsg: z.string().nullish(),
    ResultObject: z.unknown().optional(),
    ErrorCode: z.coerce.number().optional(),
    ErrorMsg: z.string().nullish(),
  })
  .refine((envelope) => envelope.ResultCode !== undefined || envelope.ErrorCode !== undefined, { error: "neither ResultCode nor ErrorCode" });

/** One row of ShippingBasic.GetShippingAndClaimInfoByOrderNo_V2 (the fields we read). */
export const qoo10OrderRowSchema = z.object({
  orderNo: z.union([z.number(), z.string()]).transform(String),
  shippingStatus: text,
  orderDate: text,
  PaymentDate: text,
  PaymentMethod: text,
  paymentNation: text,
  currency: text,
  Currency: text,
  total: decimal,
  orderPrice: decimal,
  claimStatus: text,
  reason: text,
  requestDate: text,
  cancelRefundDate: text,
  nrPartRefundBalance: decimal,
});
export type Qoo10OrderRow = z.infer<typeof qoo10OrderRowSchema>;

/** One row of ShippingBasic.GetClaimInfo_V3 (the fields we read). */
export const qoo10ClaimRowSchema = z.object({
  orderNo: z.union([z.number(), z.string()]).transform(String),
  claimStatus: text,
  reason: text,
  requestDate: text,
  cancelRefundDate: text,
  orderDate: text,
  paymentAmount: decimal,
  currency: text,
});
export type Qoo10ClaimRow = z.infer<typeof qoo10ClaimRowSchema>;

/** ResultObject may be a list, a single object, or absent. */
export function rows(resultObject: unknown): unknown[] {
  if (Array.isArray(resultObject)) return resultObject;
  if (resultObject && typeof resultObject === "object") return [resultObject];
  return [];
}
