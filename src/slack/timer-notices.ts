import type { Services } from "../app/services";
import type { TimerNotices } from "../use-cases/ports/timer-notices";
import { channelWords } from "./channel-words";
import { requestLabel } from "./format";
import { buildApprovalMessage } from "./messages/approval-message";
import { requestMessageInputOf } from "./messages/request-message-input";
import { postOnce } from "./post-once";
import { wordsFor, type Words } from "../presentation/words";
import type { UserLocales } from "./user-locales";

type Call = <T>(fn: () => Promise<T>) => Promise<T>;

const isUser = (id: string) => /^[UW][A-Z0-9]+$/.test(id);

/**
 * What the approval timers say in Slack (src/use-cases/ports/timer-notices.ts), each post once by
 * its key: in a channel in that channel's language, in a direct message in its reader's;
 * `call` runs each Slack call for the job.
 */
export function slackTimerNotices(services: Pick<Services, "projections" | "slackChat" | "config" | "userLocales">, call: Call): TimerNotices {
  const words = (channel: string) => channelWords(services.config, channel);
  const post = (key: string, message: Parameters<typeof postOnce>[2]) => postOnce(services, key, message, call).then(() => undefined);
  const dm = async (key: string, user: string, text: (words: Words) => string) => {
    if (isUser(user)) await post(key, { channel: user, text: text(await wordsOf(services.userLocales, user)) });
  };
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
    tellRequester: (row, stage) => dm(`tell-${stage}:${row.id}`, row.requestedBy, (words) => words.t(`replies.timer.requester_${stage}`, { request: requestLabel(row.id) })),
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
    tellBatchFiler: (batch, stage, count) => dm(`batch-tell-${stage}:${batch.id}`, batch.createdBy, (words) => words.t(`replies.timer.batch_filer_${stage}`, { count, batchId: batch.id })),
  };
}

async function wordsOf(locales: UserLocales, user: string): Promise<Words> {
  return wordsFor(await locales.localeOf(user));
}
