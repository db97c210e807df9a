import type { Services } from "../app/services";
import type { ProcessorContext } from "../queue/processor";
import type { JobData } from "../use-cases/ports/jobs";
import type { TimerNotices } from "../use-cases/ports/timer-notices";
import { reportCsv } from "../use-cases/requests-report";
import { callSlack } from "./call-slack";
import { channelWords } from "./channel-words";
import { HomeViewers } from "./home-viewers";
import { wordsFor } from "../presentation/words";
import { requestMessageInputOf } from "./messages/request-message-input";
import { projectBatch } from "./project-batch";
import { projectRequest } from "./project-request";
import { slackTimerNotices } from "./timer-notices";
import { buildAppHome } from "./views/app-home";

/**
 * The Slack side of the queue's jobs: what the processors in src/queue/processors/ hand to Slack.
 * Each runs its Slack calls through `callSlack`, so a 429 holds the Slack queue and a refusal fails
 * the job for good.
 */
export interface SlackJobs {
  /** Brings a request's messages in line with its stored state (src/slack/project-request.ts). */
  projectRequest(requestId: number, context: ProcessorContext): Promise<void>;
  /** Brings a batch's messages in line with its members (src/slack/project-batch.ts). */
  projectBatch(batchId: string, context: ProcessorContext): Promise<void>;
  publishHome(userId: string, context: ProcessorContext): Promise<void>;
  /** Who looked at their App Home lately. */
  recentHomeViewers(now: number): Promise<string[]>;
  sendReport(data: JobData<"send-report">, context: ProcessorContext): Promise<void>;
  timerNotices(context: ProcessorContext): TimerNotices;
}

export function createSlackJobs(services: Services): SlackJobs {
  const viewers = new HomeViewers(services.redis, `${services.config.queuePrefix}:home-viewers`);
  const callFor = (context: ProcessorContext) => <T>(fn: () => Promise<T>) => callSlack(context, fn);
  return {
    projectRequest: (requestId, context) => projectRequest(services, requestId, callFor(context)),
    projectBatch: (batchId, context) => projectBatch(services, batchId, callFor(context)),
    recentHomeViewers: (now) => viewers.recent(now),
    timerNotices: (context) => slackTimerNotices(services, callFor(context)),
    async publishHome(userId, context) {
      const [approver, locale] = await Promise.all([services.approvers.isApprover(userId), services.userLocales.localeOf(userId)]);
      const rows = await services.projections.homeRequests(userId, approver);
      const view = buildAppHome(wordsFor(locale), { approver, open: rows.open.map(requestMessageInputOf), recent: rows.recent.map(requestMessageInputOf), waiting: rows.waiting.map(requestMessageInputOf), waitingTotal: rows.waitingTotal });
      await callSlack(context, () => services.slack.views.publish({ user_id: userId, view }));
    },
    async sendReport({ userId, from, to }, context) {
      const rows = await services.projections.reportRows(new Date(from), new Date(to));
      const dm = await callSlack(context, () => services.slack.conversations.open({ users: userId }));
      const channel = dm.channel?.id;
      if (!channel) throw new Error("conversations.open answered without a channel");
      // A direct message: the team's language. The CSV's columns and codes stay as machines read them.
      const words = channelWords(services.config, userId);
      const period = { from: from.slice(0, 10), to: new Date(Date.parse(to) - 1).toISOString().slice(0, 10) };
      await callSlack(context, () =>
        services.slack.filesUploadV2({
          channel_id: channel,
          filename: `refund-desk-report-${from.slice(0, 10)}-${to.slice(0, 10)}.csv`,
          content: reportCsv(rows),
          title: words.t("channel.report.title", period),
          initial_comment: words.t("channel.report.comment", { ...period, count: rows.length }),
        }),
      );
    },
  };
}
