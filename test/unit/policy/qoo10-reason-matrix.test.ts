import { describe, expect, it } from "vitest";
import { qoo10StatusSchema, type Qoo10Status } from "../../../src/domain/order";
import { initiatorSchema, REASONS, requestKindSchema, type Initiator, type Reason, type RequestKind } from "../../../src/domain/request";
import { evaluate } from "../../../src/domain/policy";
import { qoo10Order, request } from "./fixtures";

// docs/rules.md, written out again on purpose: the engine's own tables must agree with this reading.
const SHIPPED: readonly Qoo10Status[] = ["in_transit", "completed"];
const FINAL: readonly Qoo10Status[] = ["cancelled", "returned"];
const STORE_CANCEL: readonly Reason[] = ["out_of_stock", "shipping_delay", "undeliverable_region"]; // Q3
const STORE_RETURN: readonly Reason[] = ["shipping_delay", "defective_item", "wrong_item"]; // Q9
const CUSTOMER_OWN: readonly Reason[] = ["customer_request", "modify_order", "other"]; // G3

interface Expected {
  outcome: "allow" | "wait" | "reject";
  route?: "auto" | "seller_review" | "approval_policy";
  /** The rule that must be cited first on a refusal, or cited at all otherwise. */
  rule: string;
}

function expected(status: Qoo10Status, initiator: Initiator, kind: RequestKind, reason: Reason, filed: boolean): Expected {
  if (FINAL.includes(status)) return { outcome: "reject", rule: "G1" };
  if (kind === "refund") return { outcome: "reject", rule: "Q15" };
  const shipped = SHIPPED.includes(status);
  if (kind === "cancel" && shipped) return { outcome: "reject", rule: "Q8" };
  if (kind === "return" && !shipped) return { outcome: "reject", rule: "Q8" };
  const storeList = kind === "cancel" ? STORE_CANCEL : STORE_RETURN;
  const listRule = kind === "cancel" ? "Q3" : "Q9";
  if (![...storeList, ...CUSTOMER_OWN].includes(reason)) return { outcome: "reject", rule: listRule };
  if (initiator === "store" && reason !== "customer_request" && !storeList.includes(reason)) return { outcome: "reject", rule: listRule };
  // Q4: only the store needs the customer's filed request to give "customer request"; the customer's own request is one.
  if (initiator === "store" && reason === "customer_request" && !filed) return { outcome: "reject", rule: "Q4" };
  if (kind === "cancel" && initiator === "customer" && status === "awaiting_shipment" && !filed) return { outcome: "reject", rule: "Q11" };
  if (kind === "return") return { outcome: "wait", route: "approval_policy", rule: "Q10" };
  if (initiator === "customer") return { outcome: "allow", route: status === "awaiting_shipment" ? "seller_review" : "auto", rule: "Q11" };
  return { outcome: "allow", route: "approval_policy", rule: "Q1" };
}

const matrix = qoo10StatusSchema.options.flatMap((status) =>
  initiatorSchema.options.flatMap((initiator) =>
    requestKindSchema.options.flatMap((kind) =>
      REASONS.flatMap((reason) => [false, true].map((filed) => ({ status, initiator, kind, reason, filed }))),
    ),
  ),
);

describe("Q3, Q4, Q9, Q11: every reason against every Qoo10 status, side and kind", () => {
  it("covers the whole matrix", () => {
    expect(matrix).toHaveLength(7 * 2 * 3 * 8 * 2);
  });

  it.each(matrix)("$kind by $initiator on $status for $reason (request filed: $filed)", ({ status, initiator, kind, reason, filed }) => {
    const decision = evaluate(qoo10Order({ status, customerCancelRequested: filed }), request({ kind, initiator, reason }));
    const want = expected(status, initiator, kind, reason, filed);
    expect(decision.outcome).toBe(want.outcome);
    expect(decision.route).toBe(want.route);
    if (want.outcome === "reject") expect(decision.ruleIds[0]).toBe(want.rule);
    else expect(decision.ruleIds).toContain(want.rule);
  });
});
