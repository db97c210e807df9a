import type { Services } from "../app/services";
import type { TimerNotices } from "../use-cases/ports/timer-notices";
import { channelWords } from "./channel-words";
import { requestLabel } from "./format";
import { buildApprovalMessage } from "./messages/approval-message";
import { requestMessageInputOf } from "./messages/request-message-input";
import { postOnce } from "./post-once";

type Call = <T>(fn: () => Promise<T>) => Promise<T>;

const isUser = (id: string) => /^[UW][A-Z0-9]+$/.test(id);

/**
 * What the approval timers say in Slack (src/use-cases/ports/timer-notices.ts), each post once by
 * its key, in the language of the channel it is posted in; `call` runs each Slack call for the job.
 */
export function slackTimerNotices(services: Pick<Services, "projections" | "slack" | "config">, call: Call): TimerNotices {
  const words = (channel: string) => channelWords(services.config, channel);
  const post = (key: string, message: Parameters<typeof postOnce>[2]) => postOnce(services, key, message, call).then(() => undefined);
  const dm = (key: string, user: string, text: (w: ReturnType<typeof words>) => string) => (isUser(user) ? post(key, { channel: user, text: text(words(user)) }) : Promise.resolve());
  return {
    async remindApprovers(row, waitingOn) {
      if (!row.approvalTs || !row.approvalChannel) return;
      const w = words(row.approvalChannel);
      const request = requestLabel(row.id);
      const text = waitingOn.length ? w.t("channel.timer.remind", { who: waitingOn.map((id) => `<@${id}>`).join(" "), request }) : w.t("channel.timer.remindApprovers", { request });
      await post(`remind:${row.id}`, { channel: row.approvalChannel, thread_ts: row.approvalTs, text });
    },
    async escalate(row, answers, to) {
      const w = words(to);
      const message = buildApprovalMessage(w, { ...requestMessageInputOf(row), approvalsRequired: row.approvalsRequired, answers: [...answers] });
      await post(`escalate:${row.id}`, { channel: to, ...message, text: w.t("channel.timer.escalated", { text: message.text }) });
    },
    tellRequester: (row, stage) => dm(`tell-${stage}:${row.id}`, row.requestedBy, (w) => w.t(`channel.tell.${stage}`, { request: requestLabel(row.id) })),
    async remindBatchApprovers(batch, approvers, pending) {
      if (!batch.approvalTs || !batch.approvalChannel) return;
      const w = words(batch.approvalChannel);
      const values = { count: pending, batch: batch.id };
      const text = approvers.length ? w.t("batch.timer.remind", { ...values, who: approvers.map((id) => `<@${id}>`).join(" ") }) : w.t("batch.timer.remindApprovers", values);
      await post(`batch-remind:${batch.id}`, { channel: batch.approvalChannel, thread_ts: batch.approvalTs, text });
    },
    async escalateBatch(batch, to, pending) {
      const w = words(to);
      const values = { count: pending, batch: batch.id };
      const link = batch.approvalTs && batch.approvalChannel ? `https://slack.com/archives/${batch.approvalChannel}/p${batch.approvalTs.replace(".", "")}` : null;
      await post(`batch-escalate:${batch.id}`, { channel: to, text: link ? w.t("batch.timer.escalateLink", { ...values, link }) : w.t("batch.timer.escalate", values) });
    },
    tellBatchFiler: (batch, stage, count) => dm(`batch-tell-${stage}:${batch.id}`, batch.createdBy, (w) => w.t(`batch.tell.${stage}`, { count, batch: batch.id })),
  };
}
