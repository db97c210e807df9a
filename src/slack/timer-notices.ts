import type { Services } from "../app/services";
import type { TimerStage } from "../use-cases/ports/jobs";
import type { TimerNotices } from "../use-cases/ports/timer-notices";
import { requestLabel } from "./format";
import { buildApprovalMessage } from "./messages/approval-message";
import { requestMessageInputOf } from "./messages/request-message-input";
import { postOnce } from "./post-once";

type Call = <T>(fn: () => Promise<T>) => Promise<T>;

const isUser = (id: string) => /^[UW][A-Z0-9]+$/.test(id);

const orders = (n: number) => `${n.toLocaleString("en-US")} order${n === 1 ? "" : "s"}`;

/** What the approval timers say in Slack (src/use-cases/ports/timer-notices.ts), each post once by its key; `call` runs each Slack call for the job. */
export function slackTimerNotices(services: Pick<Services, "projections" | "slack">, call: Call): TimerNotices {
  const post = (key: string, message: Parameters<typeof postOnce>[2]) => postOnce(services, key, message, call).then(() => undefined);
  const dm = (key: string, user: string, text: string) => (isUser(user) ? post(key, { channel: user, text }) : Promise.resolve());
  return {
    async remindApprovers(row, waitingOn) {
      if (!row.approvalTs || !row.approvalChannel) return;
      const who = waitingOn.length ? waitingOn.map((id) => `<@${id}>`).join(" ") : "Approvers";
      await post(`remind:${row.id}`, { channel: row.approvalChannel, thread_ts: row.approvalTs, text: `:alarm_clock: ${who}: ${requestLabel(row.id)} is still waiting for approval.` });
    },
    async escalate(row, answers, to) {
      const message = buildApprovalMessage({ ...requestMessageInputOf(row), approvalsRequired: row.approvalsRequired, answers: [...answers] });
      await post(`escalate:${row.id}`, { channel: to, ...message, text: `:rotating_light: Escalated: ${message.text}` });
    },
    tellRequester: (row, stage) => dm(`tell-${stage}:${row.id}`, row.requestedBy, REQUESTER_WORDS[stage](requestLabel(row.id))),
    async remindBatchApprovers(batch, approvers, pending) {
      if (!batch.approvalTs || !batch.approvalChannel) return;
      const who = approvers.length ? approvers.map((id) => `<@${id}>`).join(" ") : "Approvers";
      await post(`batch-remind:${batch.id}`, { channel: batch.approvalChannel, thread_ts: batch.approvalTs, text: `:alarm_clock: ${who}: ${orders(pending)} of batch ${batch.id} still wait for approval.` });
    },
    async escalateBatch(batch, to, pending) {
      const where = batch.approvalTs && batch.approvalChannel ? ` (the approval message: https://slack.com/archives/${batch.approvalChannel}/p${batch.approvalTs.replace(".", "")})` : "";
      await post(`batch-escalate:${batch.id}`, { channel: to, text: `:rotating_light: Escalated: ${orders(pending)} of batch ${batch.id} wait for approval${where}.` });
    },
    tellBatchFiler: (batch, stage, count) => dm(`batch-tell-${stage}:${batch.id}`, batch.createdBy, BATCH_FILER_WORDS[stage](`${orders(count)} of batch ${batch.id}`)),
  };
}

const REQUESTER_WORDS: Record<TimerStage, (label: string) => string> = {
  remind: (label) => `:alarm_clock: ${label} is still waiting for approval; the approvers were reminded.`,
  escalate: (label) => `:rotating_light: ${label} waited too long; it was escalated.`,
  expire: (label) => `:hourglass: ${label} expired: nobody decided in time. File it again if it is still needed.`,
};

const BATCH_FILER_WORDS: Record<TimerStage, (waiting: string) => string> = {
  remind: (waiting) => `:alarm_clock: ${waiting} still wait for approval; the approvers were reminded.`,
  escalate: (waiting) => `:rotating_light: ${waiting} waited too long; it was escalated.`,
  expire: (waiting) => `:hourglass: ${waiting} expired: nobody decided in time. File them again if they are still needed.`,
};
