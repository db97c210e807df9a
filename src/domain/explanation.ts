import { z } from "zod";

/** Why a request was refused: one code per obstacle (src/domain/policy/verdict.ts). */
export const REFUSAL_CODES = [
  "final_state",
  "return_not_on_cyberbiz",
  "bare_refund_on_qoo10",
  "cancel_after_shipping",
  "return_before_shipping",
  "nothing_left_to_refund",
  "amount_out_of_range",
  "partial_amount_on_qoo10",
  "reason_not_for_kind",
  "store_side_reason_required",
  "customer_request_not_filed",
  "cancel_request_not_filed",
  "warning_flag_outside_cyberbiz_cancel",
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** How a request was granted: one code per shape of an allow, manual or wait decision. */
export const GRANT_CODES = [
  "cyberbiz_cancel",
  "cyberbiz_refund",
  "line_pay_manual_refund",
  "qoo10_return",
  "qoo10_return_waits",
  "qoo10_customer_cancel",
  "qoo10_seller_review",
  "qoo10_store_cancel",
] as const;
export type GrantCode = (typeof GRANT_CODES)[number];

export const explanationCodeSchema = z.enum([...REFUSAL_CODES, ...GRANT_CODES]);
export type ExplanationCode = z.infer<typeof explanationCodeSchema>;

const paramSchema = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);
export type ExplanationParam = z.infer<typeof paramSchema>;

/**
 * Why a decision was made, in no language: a code and the data its sentence cites (order id,
 * status, amounts in the currency's smallest unit, reasons…). It is rendered in the reader's
 * language when shown (src/presentation/explain-decision.ts), so one stored decision reads the
 * same in every language and a better wording never rewrites it.
 */
export const explanationDataSchema = z.object({
  code: explanationCodeSchema,
  params: z.record(z.string(), paramSchema),
});
export type ExplanationData = z.infer<typeof explanationDataSchema>;

/** Decisions stored before explanations were codes carry an English sentence: it is shown as stored. */
export const storedExplanationSchema = z.union([z.string().min(1), explanationDataSchema]);
export type StoredExplanation = z.infer<typeof storedExplanationSchema>;
