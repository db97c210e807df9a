import type { Reason } from "../../domain/request";

export interface Qoo10CancelReason {
  /**
   * `CancelReason` of Claim.SetCancelProcess. Qoo10's seller docs define it as a one-character
   * code, not free text: empty = out of stock (seller's fault, also the default), `1` = order
   * change, `2` = undeliverable region (seller), `3` = shipping delay (seller). A buyer's own
   * reason is kept by Qoo10 whatever we send.
   */
  code: "" | "1" | "2" | "3";
  /** What the code means, for logs and receipts. */
  label: string;
}

/**
 * Our reason ⇒ Qoo10's cancel reason, in one place. Q3 allows a store-side cancel for out of stock,
 * shipping delay or undeliverable region; `customer_request`/`modify_order` are the buyer-side
 * cancels (Q4, Q11), processed as "order change". Reasons Qoo10 has no cancel code for (they
 * belong to returns, Q9) are null: the client refuses them before calling Qoo10.
 */
export const QOO10_CANCEL_REASON: Record<Reason, Qoo10CancelReason | null> = {
  out_of_stock: { code: "", label: "在庫切れ (out of stock)" },
  shipping_delay: { code: "3", label: "配送遅延 (shipping delay)" },
  undeliverable_region: { code: "2", label: "配送不可地域 (undeliverable region)" },
  customer_request: { code: "1", label: "注文変更 (order change, buyer's request)" },
  modify_order: { code: "1", label: "注文変更 (order change)" },
  defective_item: null,
  wrong_item: null,
  other: null,
};
