import type { Services } from "../app/services";
import { answersOf } from "../db/approvals";
import { getRequest, recordAudit, SYSTEM, transitionRequest } from "../db/requests";
import type { TimerStage } from "../queue/job-definitions";
import { buildApprovalMessage } from "../slack/messages/approval-message";
import { requestMessageInputOf } from "../slack/messages/request-message-input";
import { postOnce } from "../slack/post-once";
import { requestLabel } from "../slack/format";
import { afterTransition } from "./after-transition";

type Call = <T>(fn: () => Promise<T>) => Promise<T>;

const tellRequester = (services: Services, key: string, user: string, text: string, call: Call) =>
  /^[UW][A-Z0-9]+$/.test(user) ? postOnce(services, key, { channel: user, text }, call) : Promise.resolve("");

/**
 * A pending approval's timers: remind the approvers, then escalate to the fallback approver or
 * channel, then expire. Each does nothing once the request is no longer waiting, and the requester
 * is told at each step.
 */
export async function runApprovalTimer(services: Services, requestId: number, stage: TimerStage, call: Call): Promise<void> {
  const row = await getRequest(services.db, requestId);
  if (!row || row.state !== "awaiting_approval") return;
  const label = requestLabel(row.id);
  const { timers, fallbackApprover, escalationChannel } = services.config.approvalPolicy;
  const answered = new Set((await answersOf(services.db, requestId)).map((a) => a.approverId));
  const waitingOn = (await services.approvers.list()).filter((id) => id !== row.requestedBy && !answered.has(id));

  if (stage === "remind") {
    if (row.approvalTs && row.approvalChannel) {
      const who = waitingOn.length ? waitingOn.map((id) => `<@${id}>`).join(" ") : "Approvers";
      await postOnce(services, `remind:${requestId}`, { channel: row.approvalChannel, thread_ts: row.approvalTs, text: `:alarm_clock: ${who}: ${label} is still waiting for approval.` }, call);
    }
    await recordOnce(services, requestId, "reminder_sent", { to: waitingOn });
    await tellRequester(services, `tell-remind:${requestId}`, row.requestedBy, `:alarm_clock: ${label} is still waiting for approval; the approvers were reminded.`, call);
  } else if (stage === "escalate") {
    const to = fallbackApprover ?? escalationChannel;
    if (to) {
      const message = buildApprovalMessage({ ...requestMessageInputOf(row), approvalsRequired: row.approvalsRequired, answers: await answersOf(services.db, requestId) });
      await postOnce(services, `escalate:${requestId}`, { channel: to, ...message, text: `:rotating_light: Escalated: ${message.text}` }, call);
      await recordOnce(services, requestId, "escalated", { to });
      await tellRequester(services, `tell-escalate:${requestId}`, row.requestedBy, `:rotating_light: ${label} waited too long; it was escalated.`, call);
    }
  } else {
    const moved = await transitionRequest(services.db, { requestId, from: ["awaiting_approval"], to: "expired", action: "expired", actor: SYSTEM, detail: { afterMs: timers.expireAfterMs } });
    if (moved.moved) await afterTransition(services, { requestId, to: "expired", version: moved.version });
    await tellRequester(services, `tell-expire:${requestId}`, row.requestedBy, `:hourglass: ${label} expired: nobody decided in time. File it again if it is still needed.`, call);
  }
  await services.queues.enqueue("sync-request", { requestId, change: stage });
}

/** An audit row for a timer step, once: a retried timer job does not record it twice. */
async function recordOnce(services: Services, requestId: number, action: "reminder_sent" | "escalated", detail: Record<string, unknown>): Promise<void> {
  const already = await services.db.auditEvent.count({ where: { requestId, action } });
  if (already === 0) await recordAudit(services.db, requestId, SYSTEM, action, detail);
}
