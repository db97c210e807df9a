import type { Reason } from "../../domain/request";
import type { CancelOrderInput } from "../../use-cases/ports/providers";

/** Cyberbiz's `cancel_reason` values (PUT /v1/orders/{id}/cancelled). */
export type CyberbizCancelReason =
  | "customer"
  | "duplicate"
  | "not_pay"
  | "fraud"
  | "inventory"
  | "forgot"
  | "not_shipped_yet"
  | "pos_sp_return"
  | "card_paid_fail"
  | "other";

/**
 * Our reason ⇒ Cyberbiz's, in one place. Cyberbiz has codes for "customer" and "inventory" only
 * among ours; every other reason goes as `other`, with its name in `other_cancel_reason_detail`
 * (when the agent wrote no note) so the back office still says why.
 */
export const CYBERBIZ_CANCEL_REASON: Record<Reason, CyberbizCancelReason> = {
  out_of_stock: "inventory",
  customer_request: "customer",
  modify_order: "customer",
  shipping_delay: "other",
  undeliverable_region: "other",
  defective_item: "other",
  wrong_item: "other",
  other: "other",
};

/**
 * What goes into `other_cancel_reason_detail` when the agent wrote no note: a value of Cyberbiz's
 * API, fixed whoever files the request, so it is data of this provider rather than a label of
 * src/presentation (whose words follow each reader's language).
 */
const REASON_DETAIL: Record<Reason, string> = {
  out_of_stock: "out of stock",
  shipping_delay: "shipping delay",
  undeliverable_region: "undeliverable region",
  customer_request: "customer request",
  defective_item: "defective item",
  wrong_item: "wrong item sent",
  modify_order: "modify order",
  other: "other",
};

/** Cyberbiz keeps at most this much free text in a reason; longer notes are cut, not refused. */
const DETAIL_MAX = 255;

export interface CyberbizCancelBody {
  cancel_reason: CyberbizCancelReason;
  /** Cyberbiz's own enum of customer reasons; we only ever use `other` with free text. */
  cancel_reason_detail?: "other";
  other_cancel_reason_detail?: string;
  /** C5: email the customer. */
  email: boolean;
  /** C5: mark the customer as a warning account. */
  set_warning: boolean;
}

/** The JSON body of PUT /v1/orders/{id}/cancelled for one of our cancel requests. */
export function cyberbizCancelBody(input: Pick<CancelOrderInput, "reason" | "note" | "notifyCustomer" | "flagCustomer">): CyberbizCancelBody {
  const cancelReason = CYBERBIZ_CANCEL_REASON[input.reason];
  const note = input.note?.trim();
  const needsDetail = cancelReason === "other" || (input.reason === "modify_order" && cancelReason === "customer");
  const detail = note ? note : needsDetail ? REASON_DETAIL[input.reason] : undefined;
  return {
    cancel_reason: cancelReason,
    ...(detail ? { cancel_reason_detail: "other" as const, other_cancel_reason_detail: detail.slice(0, DETAIL_MAX) } : {}),
    email: input.notifyCustomer,
    set_warning: input.flagCustomer,
  };
}
