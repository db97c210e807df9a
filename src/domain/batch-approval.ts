import { z } from "zod";
import { routeDecision, type ApprovalPolicy, type Routing } from "./approval-policy";
import type { Decision } from "./decision";

/**
 * What the team's thresholds say about a batch as a whole, per currency: how many approvers each of
 * its approval-policy members needs at least, because of the batch total.
 */
export const batchFloorSchema = z.object({
  approvalsRequired: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  /** The sum of the refunds that the thresholds apply to, in the currency's smallest unit. */
  total: z.int().min(0),
  because: z.string(),
});
export type BatchFloor = z.infer<typeof batchFloorSchema>;

export const batchFloorsSchema = z.record(z.string(), batchFloorSchema);
/** By currency (ISO 4217). */
export type BatchFloors = z.infer<typeof batchFloorsSchema>;

export interface BatchMemberDecision {
  decision: Pick<Decision, "outcome" | "route" | "refundAmount">;
  currency: string;
}

/** Only the team's thresholds are summed: the platform's own routes (Q11, Q12) and manual refunds (C7) do not depend on an amount. */
function underThresholds(decision: BatchMemberDecision["decision"]): boolean {
  return decision.outcome === "allow" && decision.route === "approval_policy";
}

/**
 * The thresholds apply to the batch total as well as to each order (ours): a hundred refunds just
 * under the automatic limit are one large refund, and need what one large refund needs. Per
 * currency, the allowed approval-policy refunds are summed and the total is routed like a single
 * request: up to `autoApproveUpTo` nobody, up to `singleApproverUpTo` one approver, above it two;
 * a currency without thresholds needs one.
 */
export function batchApprovalFloors(members: readonly BatchMemberDecision[], policy: Pick<ApprovalPolicy, "thresholds">): BatchFloors {
  const totals = new Map<string, number>();
  for (const { decision, currency } of members) {
    if (underThresholds(decision)) totals.set(currency, (totals.get(currency) ?? 0) + decision.refundAmount);
  }
  const floors: BatchFloors = {};
  for (const [currency, total] of [...totals].sort(([a], [b]) => a.localeCompare(b))) {
    const threshold = policy.thresholds[currency];
    const amount = `${total} ${currency}`;
    if (!threshold) floors[currency] = { approvalsRequired: 1, total, because: `batch total ${amount}, no thresholds for ${currency}: one approver` };
    else if (total <= threshold.autoApproveUpTo) floors[currency] = { approvalsRequired: 0, total, because: `batch total ${amount} is at most ${threshold.autoApproveUpTo}: approved by policy` };
    else if (total <= threshold.singleApproverUpTo) floors[currency] = { approvalsRequired: 1, total, because: `batch total ${amount} is above ${threshold.autoApproveUpTo}: one approver` };
    else floors[currency] = { approvalsRequired: 2, total, because: `batch total ${amount} is above ${threshold.singleApproverUpTo}: two approvers` };
  }
  return floors;
}

/**
 * Routes one member of a batch: what its own decision needs with its order's other refunds
 * (`routeDecision`, `onOrder`), raised to what the
 * batch total needs for an approval-policy refund. A currency the batch total did not see (the
 * order changed between filing and deciding) needs at least one approver.
 */
export function routeBatchMember(decision: Pick<Decision, "outcome" | "route" | "refundAmount">, currency: string, policy: Pick<ApprovalPolicy, "thresholds">, floors: BatchFloors, onOrder = 0): Routing {
  const own = routeDecision(decision, currency, policy, onOrder);
  if (!underThresholds(decision)) return own;
  const floor = floors[currency] ?? { approvalsRequired: 1 as const, because: `not in the batch total checked at filing (${currency}): one approver` };
  if (floor.approvalsRequired <= own.approvalsRequired) return own;
  return { state: "awaiting_approval", approvalsRequired: floor.approvalsRequired, because: floor.because };
}

/** A batch's stored floors; null before they are computed (its filing sets them first). */
export function floorsOf(batch: { approvalFloor: unknown }): BatchFloors | null {
  return batch.approvalFloor === null ? null : batchFloorsSchema.parse(batch.approvalFloor);
}
