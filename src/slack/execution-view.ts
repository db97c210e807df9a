import type { EffectRow } from "../db/effects";
import type { RequestProjection } from "../db/request-projection";
import type { RequestRow } from "../db/requests";
import { AUDIT_DETAIL } from "../domain/audit-actions";
import { decisionSchema } from "../domain/decision";
import { effectKindSchema, effectStatusSchema, effectViaSchema } from "../domain/execution-plan";
import type { EffectLine, ExecutionView } from "./messages/execution-section";
import { MANUAL_WHY } from "../domain/manual-why";

/** A request's execution as its Slack message shows it, from its projection (one read: src/db/request-projection.ts). */
export function executionViewOfProjection({ row, effects, events }: Pick<RequestProjection, "row" | "effects" | "events">): ExecutionView | undefined {
  const lastDetail = (action: string) => events.findLast((event) => event.action === action)?.detail;
  return executionViewOf(row, effects, { execution_failed: lastDetail("execution_failed"), manual_task_created: lastDetail("manual_task_created") });
}

/**
 * The effects ledger, and the last failure or manual task, from the effects and the detail of the request's last
 * `execution_failed` and `manual_task_created` audit rows.
 */
function executionViewOf(
  row: Pick<RequestRow, "state" | "decision" | "currency">,
  effects: readonly Pick<EffectRow, "kind" | "provider" | "via" | "status" | "params" | "errorCode">[],
  lastDetail: Partial<Record<"execution_failed" | "manual_task_created", unknown>>,
): ExecutionView | undefined {
  if (effects.length === 0 && row.state !== "manual_pending") return undefined;
  const lines = effects.map((effect): EffectLine => {
    const params = (effect.params ?? {}) as Record<string, unknown>;
    const number = (value: unknown) => (typeof value === "number" ? value : undefined);
    // Once done, what the provider reported; before, what the plan asks.
    const amount = number(params.refunded) ?? number(params.amount);
    const points = number(params.points);
    return {
      kind: effectKindSchema.parse(effect.kind),
      provider: effect.provider,
      via: effectViaSchema.parse(effect.via),
      status: effectStatusSchema.parse(effect.status),
      ...(amount !== undefined ? { amount } : {}),
      ...(points !== undefined ? { points } : {}),
      ...(Array.isArray(params.coupons) ? { coupons: params.coupons.length } : {}),
      ...(typeof params.locale === "string" ? { locale: params.locale } : {}),
      ...(params.outbox === true ? { outbox: true } : {}),
      ...(typeof params.by === "string" ? { by: params.by } : {}),
      ...(effect.errorCode ? { errorCode: effect.errorCode } : {}),
    };
  });
  const view: ExecutionView = { effects: lines };
  if (row.state === "failed") {
    const failure = AUDIT_DETAIL.execution_failed.safeParse(lastDetail.execution_failed);
    if (failure.success) view.failure = failure.data;
  }
  if (row.state === "manual_pending") {
    const task = AUDIT_DETAIL.manual_task_created.safeParse(lastDetail.manual_task_created);
    if (task.success) view.manualTask = task.data;
    else {
      // Approved straight into a manual task, without an execution: the decision says what to pay back (C7).
      const decision = decisionSchema.safeParse(row.decision);
      if (decision.success) view.manualTask = { amount: decision.data.refundAmount, currency: row.currency, feeBearer: decision.data.feeBearer === "none" ? "seller" : decision.data.feeBearer, why: MANUAL_WHY.decided };
    }
  }
  return view;
}
