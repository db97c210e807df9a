import type { FeeBearer, Route } from "../decision";
import type { Reason } from "../request";
import type { PolicyRuleId } from "./rule-catalog";

/**
 * Why a request was refused, as data: the rules decide, explain.ts gives the code its data and
 * src/presentation words it. Keeping the wording out of the rules lets the tests assert the
 * decision without matching prose.
 */
export type Refusal =
  | { readonly code: "final_state" }
  | { readonly code: "return_not_on_cyberbiz" }
  | { readonly code: "bare_refund_on_qoo10" }
  | { readonly code: "cancel_after_shipping" }
  | { readonly code: "return_before_shipping" }
  | { readonly code: "nothing_left_to_refund" }
  | { readonly code: "amount_out_of_range"; readonly amount: number; readonly remainder: number }
  | { readonly code: "partial_amount_on_qoo10"; readonly amount: number; readonly remainder: number }
  | { readonly code: "reason_not_for_kind"; readonly allowed: readonly Reason[] }
  | { readonly code: "store_side_reason_required"; readonly allowed: readonly Reason[] }
  | { readonly code: "customer_request_not_filed" }
  | { readonly code: "cancel_request_not_filed" }
  | { readonly code: "warning_flag_outside_cyberbiz_cancel" };

export interface Refused {
  readonly outcome: "reject";
  readonly ruleIds: readonly PolicyRuleId[];
  readonly refusal: Refusal;
}

/** Everything of a non-reject decision except its wording. */
export interface Granted {
  readonly outcome: "allow" | "manual" | "wait";
  readonly route: Route;
  readonly ruleIds: readonly PolicyRuleId[];
  readonly refundAmount: number;
  readonly feeBearer: FeeBearer;
  readonly restore: { readonly points: number; readonly coupons: readonly string[] };
  readonly buyerNoticeRequired: boolean;
}

export type Verdict = Refused | Granted;

export const NOTHING_TO_RESTORE = { points: 0, coupons: [] } as const;

export function refuse(ruleIds: readonly PolicyRuleId[], refusal: Refusal): Refused {
  return { outcome: "reject", ruleIds, refusal };
}
