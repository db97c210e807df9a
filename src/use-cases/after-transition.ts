import type { Services } from "../app/services";
import type { TimerStage } from "../queue/job-definitions";
import type { RequestState } from "../domain/request-state";

export interface TransitionDone {
  requestId: number;
  to: RequestState;
  /** The request's version after the move. */
  version: number;
}

/**
 * Everything that follows a change of a request, queued with deterministic ids or deduplication so
 * that a processor which runs twice queues nothing twice: Slack shows the new state (message, thread
 * reply, approval message), App Homes refresh, a pending approval gets its reminder, escalation and
 * expiry timers.
 */
export async function afterTransition(services: Pick<Services, "queues" | "config">, done: TransitionDone): Promise<void> {
  const { queues, config } = services;
  await queues.enqueue("sync-request", { requestId: done.requestId, change: `v${done.version}` });
  await queues.enqueue("refresh-homes", {});
  if (done.to === "awaiting_approval") {
    const { remindAfterMs, escalateAfterMs, expireAfterMs } = config.approvalPolicy.timers;
    const timers: [TimerStage, number][] = [["remind", remindAfterMs], ["escalate", escalateAfterMs], ["expire", expireAfterMs]];
    for (const [stage, delay] of timers) await queues.enqueue("approval-timer", { requestId: done.requestId, stage }, { delay });
  }
  // Approved (by people, by the policy, or again after a Retry): carry it out at the providers.
  if (done.to === "approved") await queues.enqueue("execute-request", { requestId: done.requestId, version: done.version });
}
