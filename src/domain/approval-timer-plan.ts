/** The steps of a pending approval, in order (the queue's `timerStageSchema` spells the same). */
export type TimerStage = "remind" | "escalate" | "expire";

export interface ApprovalTimers {
  remindAfterMs: number;
  escalateAfterMs: number;
  expireAfterMs: number;
}

/**
 * After the last stage (expiry) is due, a request still waiting is looked at again this much
 * later: its expiry job may have been lost with Redis, or failed for good.
 */
export const RECHECK_AFTER_LAST_MS = 5 * 60_000;

/**
 * How long after a request starts to wait its timers are first looked at: its first stage's time.
 * Set with the move itself, so that the timer pass does not read and write every request that
 * starts to wait only to learn that nothing is due yet.
 */
export function firstLookAfterMs(timers: ApprovalTimers): number {
  return Math.min(timers.remindAfterMs, timers.escalateAfterMs, timers.expireAfterMs);
}

/**
 * What a look at a waiting request's timers does: which stages are due (all whose time has come;
 * each stage is done once however often it is queued) and when to look next (the next stage's time).
 * Pure: `since` (when it started to wait) and `now` come from the caller.
 */
export function approvalTimerPlan(since: Date, now: Date, timers: ApprovalTimers): { due: TimerStage[]; nextAt: Date } {
  const stages: [TimerStage, number][] = [["remind", timers.remindAfterMs], ["escalate", timers.escalateAfterMs], ["expire", timers.expireAfterMs]];
  const due: TimerStage[] = [];
  let nextAt: number | undefined;
  for (const [stage, afterMs] of stages) {
    const at = since.getTime() + afterMs;
    if (at <= now.getTime()) due.push(stage);
    else nextAt = Math.min(nextAt ?? at, at);
  }
  return { due, nextAt: new Date(nextAt ?? now.getTime() + RECHECK_AFTER_LAST_MS) };
}
