import type { Services } from "../app/services";
import type { RequestState } from "../domain/request-state";

export interface TransitionDone {
  requestId: number;
  to: RequestState;
  /** The request's version after the move. */
  version: number;
}

/**
 * Everything that follows a change of state, queued with deterministic ids so that a processor
 * which runs twice queues nothing twice: the request's Slack messages follow its new state.
 */
export async function afterTransition(services: Pick<Services, "queues">, done: TransitionDone): Promise<void> {
  await services.queues.enqueue("refresh-request-message", { requestId: done.requestId, version: done.version });
  // Approved (by people, by the policy, or again after a Retry): carry it out at the providers.
  if (done.to === "approved") await services.queues.enqueue("execute-request", { requestId: done.requestId, version: done.version });
}
