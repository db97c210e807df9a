import { SYSTEM } from "../domain/actor";
import { afterTransition } from "./after-transition";
import type { TimerStage } from "./ports/jobs";
import type { TimerNotices } from "./ports/timer-notices";
import type { UseCaseDeps } from "./ports/use-case-deps";

type Deps = Pick<UseCaseDeps, "store" | "queues" | "approvers" | "config">;

/**
 * A pending approval's timers: remind the approvers, then escalate to the fallback approver or
 * channel, then expire. Each does nothing once the request is no longer waiting, and the requester
 * is told at each step.
 */
export async function runApprovalTimerStage(deps: Deps, requestId: number, stage: TimerStage, notices: TimerNotices): Promise<void> {
  const { store } = deps;
  const row = await store.getRequest(requestId);
  if (!row || row.state !== "awaiting_approval") return;
  const { timers, fallbackApprover, escalationChannel } = deps.config.approvalPolicy;
  const answered = new Set((await store.answersOf(requestId)).map((a) => a.approverId));
  const waitingOn = (await deps.approvers.list()).filter((id) => id !== row.requestedBy && !answered.has(id));

  if (stage === "remind") {
    await notices.remindApprovers(row, waitingOn);
    await recordOnce(deps, requestId, "reminder_sent", { to: waitingOn });
    await notices.tellRequester(row, stage);
  } else if (stage === "escalate") {
    const to = fallbackApprover ?? escalationChannel;
    if (to) {
      await notices.escalate(row, await store.answersOf(requestId), to);
      await recordOnce(deps, requestId, "escalated", { to });
      await notices.tellRequester(row, stage);
    }
  } else {
    const moved = await store.transitionRequest({ requestId, from: ["awaiting_approval"], to: "expired", action: "expired", actor: SYSTEM, detail: { afterMs: timers.expireAfterMs } });
    if (moved.moved) await afterTransition(deps, { requestId, to: "expired", version: moved.version });
    await notices.tellRequester(row, stage);
  }
  await deps.queues.enqueue("sync-request", { requestId, change: stage });
}

/** An audit row for a timer step, once: a retried timer job does not record it twice. */
async function recordOnce(deps: Deps, requestId: number, action: "reminder_sent" | "escalated", detail: Record<string, unknown>): Promise<void> {
  if ((await deps.store.countAudit(requestId, action)) === 0) await deps.store.recordAudit(requestId, SYSTEM, action, detail);
}
