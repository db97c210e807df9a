import type { UseCaseDeps } from "./ports/use-case-deps";
import { approvalTimerPlan, type TimerStage } from "../domain/approval-timer-plan";

/** Requests looked at per statement, and statements per pass: a pass stays short whatever the backlog. */
const PAGE = 1_000;
const MAX_PAGES = 20;

/**
 * The timer pass: for each waiting request whose timers are due a look, queues the stages whose
 * time has come (reminder, escalation, expiry: `approval-timer` jobs with deterministic ids, each
 * stage done once however often it is queued) and sets when to look next. The timers live in
 * Postgres, so a Redis that lost its data loses none; a waiting request costs Redis nothing.
 */
export async function queueDueApprovalTimers(services: Pick<UseCaseDeps, "store" | "queues" | "config">): Promise<{ looked: number; queued: { requestId: number; stage: TimerStage }[] }> {
  const { timers } = services.config.approvalPolicy;
  const queued: { requestId: number; stage: TimerStage }[] = [];
  let looked = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const due = await services.store.dueApprovalTimers(PAGE);
    const next: { id: number; at: Date | null }[] = [];
    for (const { id, since, now, waiting } of due) {
      if (!waiting) {
        next.push({ id, at: null });
        continue;
      }
      const plan = approvalTimerPlan(since, now, timers);
      // A stage's failed job is retried; one that ran is not run again.
      for (const stage of plan.due) {
        await services.queues.enqueueOrRetry("approval-timer", { requestId: id, stage });
        queued.push({ requestId: id, stage });
      }
      next.push({ id, at: plan.nextAt });
    }
    await services.store.setNextApprovalTimers(next);
    looked += due.length;
    if (due.length < PAGE) break;
  }
  return { looked, queued };
}
