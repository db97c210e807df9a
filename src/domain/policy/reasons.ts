import type { Initiator, Reason, RequestKind } from "../request";
import type { PolicyRuleId } from "./rule-catalog";

/** G3: the reasons only the customer's side may give (the one store-side exception is Q4's). */
export const CUSTOMER_OWN_REASONS: readonly Reason[] = ["customer_request", "modify_order", "other"];

/** Q3: a store-side cancel of an unshipped Qoo10 order. */
export const QOO10_STORE_CANCEL_REASONS: readonly Reason[] = ["out_of_stock", "shipping_delay", "undeliverable_region"];

/** Q9: a store-side return of a shipped Qoo10 order. */
export const QOO10_STORE_RETURN_REASONS: readonly Reason[] = ["shipping_delay", "defective_item", "wrong_item"];

type Qoo10Kind = Exclude<RequestKind, "refund">;

/** The store-side reasons Qoo10 lists for a kind, and the rule that lists them. */
export function qoo10StoreReasons(kind: Qoo10Kind): { reasons: readonly Reason[]; ruleId: PolicyRuleId } {
  return kind === "cancel" ? { reasons: QOO10_STORE_CANCEL_REASONS, ruleId: "Q3" } : { reasons: QOO10_STORE_RETURN_REASONS, ruleId: "Q9" };
}

/**
 * (ours) Every reason that makes sense for a Qoo10 kind, from either side: the store-side list plus
 * the customer's own. A customer may cite the store's fault (a return of a defective item); nobody
 * cancels an unshipped order as "defective", nor returns a shipped one as "out of stock".
 */
export function qoo10ReasonsForKind(kind: Qoo10Kind): readonly Reason[] {
  return [...qoo10StoreReasons(kind).reasons, ...CUSTOMER_OWN_REASONS];
}

/**
 * The reasons one side may give for a Qoo10 kind: the customer any that fits the kind (G3), the
 * store its own list (Q3/Q9) and "customer request" once the customer filed a cancel request (Q4).
 */
export function qoo10ReasonsFor(kind: Qoo10Kind, initiator: Initiator, customerCancelRequested: boolean): Reason[] {
  if (initiator === "customer") return [...qoo10ReasonsForKind(kind)];
  return [...qoo10StoreReasons(kind).reasons, ...(customerCancelRequested ? (["customer_request"] as const) : [])];
}

/**
 * Whose fault the reason says it is (Q7: the seller pays the payment fee when the store is at
 * fault). Decided by the reason, not by who files it: a customer cancelling a late order is the
 * store's fault, a store processing the customer's own cancel request (Q4) is not.
 */
export function faultOf(reason: Reason): "store" | "customer" {
  return CUSTOMER_OWN_REASONS.includes(reason) ? "customer" : "store";
}
