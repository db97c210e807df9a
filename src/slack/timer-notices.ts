import type { Services } from "../app/services";
import type { TimerNotices } from "../use-cases/ports/timer-notices";
import { requestLabel } from "./format";
import { buildApprovalMessage } from "./messages/approval-message";
import { requestMessageInputOf } from "./messages/request-message-input";
import { postOnce } from "./post-once";
import { wordsFor, type Words } from "../presentation/words";
import type { UserLocales } from "./user-locales";

type Call = <T>(fn: () => Promise<T>) => Promise<T>;

const isUser = (id: string) => /^[UW][A-Z0-9]+$/.test(id);

const orders = (n: number) => `${n.toLocaleString("en-US")} order${n === 1 ? "" : "s"}`;

/** What the approval timers say in Slack (src/use-cases/ports/timer-notices.ts), each post once by its key; `call` runs each Slack call for the job. */
export function slackTimerNotices(services: Pick<Services, "db" | "slack" | "userLocales">, call: Call): TimerNotices {
  const post = (key: string, message: Parameters<typeof postOnce>[2]) => postOnce(services, key, message, call).then(() => undefined);
  // A direct message is in its reader's words.
  const dm = async (key: string, user: string, text: (words: Words) => string) => {
    if (isUser(user)) await post(key, { channel: user, text: text(await wordsOf(services.userLocales, user)) });
  };
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
    tellRequester: (row, stage) => dm(`tell-${stage}:${row.id}`, row.requestedBy, (words) => words.t(`replies.timer.requester_${stage}`, { request: requestLabel(row.id) })),
    async remindBatchApprovers(batch, approvers, pending) {
      if (!batch.approvalTs || !batch.approvalChannel) return;
      const who = approvers.length ? approvers.map((id) => `<@${id}>`).join(" ") : "Approvers";
      await post(`batch-remind:${batch.id}`, { channel: batch.approvalChannel, thread_ts: batch.approvalTs, text: `:alarm_clock: ${who}: ${orders(pending)} of batch ${batch.id} still wait for approval.` });
    },
    async escalateBatch(batch, to, pending) {
      const where = batch.approvalTs && batch.approvalChannel ? ` (the approval message: https://slack.com/archives/${batch.approvalChannel}/p${batch.approvalTs.replace(".", "")})` : "";
      await post(`batch-escalate:${batch.id}`, { channel: to, text: `:rotating_light: Escalated: ${orders(pending)} of batch ${batch.id} wait for approval${where}.` });
    },
    tellBatchFiler: (batch, stage, count) => dm(`batch-tell-${stage}:${batch.id}`, batch.createdBy, (words) => words.t(`replies.timer.batch_filer_${stage}`, { count, batchId: batch.id })),
  };
}

async function wordsOf(locales: UserLocales, user: string): Promise<Words> {
  return wordsFor(await locales.localeOf(user));
}
