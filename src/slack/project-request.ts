import { UnrecoverableError } from "bullmq";
import type { Services } from "../app/services";
import type { Rendered, RequestProjection } from "../use-cases/ports/store";
import { executionViewOfProjection } from "./execution-view";
import { buildApprovalMessage } from "./messages/approval-message";
import { buildRequestMessage } from "./messages/request-message";
import type { RequestMessageInput } from "./messages/request-message";
import { requestMessageInputOf } from "./messages/request-message-input";
import { threadReplyFor } from "./messages/thread-reply";
import { OWN_MESSAGE_STATES } from "../use-cases/after-transition";
import { requestKindSchema } from "../domain/request";
import { channelWords } from "./channel-words";
import { requestLabel } from "./format";

type Call = <T>(fn: () => Promise<T>) => Promise<T>;

/**
 * Brings a request's Slack messages in line with its stored state: its message in the requests
 * channel (posted once, then updated in place), one thread reply per step worth telling (each
 * posted once: the `slack_posts` ledger remembers), and the approval message with its buttons.
 * Slack is a projection of the database: running this twice, or late, changes nothing more.
 */
export async function projectRequest(services: Services, requestId: number, call: Call): Promise<void> {
  const { projections, slackChat } = services;
  const projection = await projections.loadRequestProjection(requestId);
  if (!projection) throw new UnrecoverableError(`request ${requestId} does not exist`);
  const { row, events } = projection;
  const input = messageInputOf(projection);
  // A batch member is shown in its batch's message, unless it needs a hand of its own (OWN_MESSAGE_STATES).
  if (row.batchId && !row.threadTs && !OWN_MESSAGE_STATES.has(input.state)) {
    await confirmFiled(services, projection, call).then((post) => projections.recordRendered(requestId, row.version, post ? { post } : {}));
    await services.queues.enqueue("sync-batch", { batchId: row.batchId });
    return;
  }

  // 1. The agent's confirmation, the request's message and the approval message: three channels, so
  // side by side, and what they rendered recorded in one statement, also when one of them failed.
  const [post, thread, approval] = await Promise.allSettled([confirmFiled(services, projection, call), renderThread(services, projection, input, call), renderApproval(services, projection, input, call)]);
  await projections.recordRendered(requestId, row.version, {
    ...(post.status === "fulfilled" && post.value ? { post: post.value } : {}),
    ...(thread.status === "fulfilled" && thread.value ? { thread: thread.value } : {}),
    ...(approval.status === "fulfilled" && approval.value ? { approval: approval.value } : {}),
  });
  for (const result of [post, thread, approval]) if (result.status === "rejected") throw result.reason;
  const threadRef = row.threadTs && row.threadChannel ? { channel: row.threadChannel, ts: row.threadTs } : thread.status === "fulfilled" ? thread.value?.posted : undefined;
  if (!threadRef) return;

  // 2. A reply in its thread for every step not told yet, in order.
  for (const event of events) {
    const key = `reply:${event.id}`;
    if (projection.told.has(key)) continue;
    const { channel, ts } = threadRef;
    const text = threadReplyFor(channelWords(services.config, channel), event);
    if (!text) continue;
    const posted = await call(() => slackChat.postMessage({ channel, thread_ts: ts, text, unfurl_links: false }));
    await projections.rememberPost(key, channel, posted.ts ?? "");
  }
}

/** The request's own message in the requests channel: posted once, then updated in place when the request has moved on. */
async function renderThread(services: Services, { row }: RequestProjection, input: RequestMessageInput, call: Call): Promise<Rendered["thread"]> {
  const { slackChat, config } = services;
  if (!row.threadTs || !row.threadChannel) {
    const channel = config.channels.requests;
    const posted = await call(() => slackChat.postMessage({ channel, ...buildRequestMessage(channelWords(config, channel), input), unfurl_links: false, unfurl_media: false }));
    if (!posted.ts || !posted.channel) throw new Error("chat.postMessage answered without channel and ts");
    return { posted: { channel: posted.channel, ts: posted.ts } };
  }
  if (row.version <= row.threadVersion) return undefined;
  const { threadChannel: channel, threadTs: ts } = row;
  await call(() => slackChat.update({ channel, ts, ...buildRequestMessage(channelWords(config, channel), input) }));
  return {};
}

/**
 * Tells the agent who filed it from Slack, privately and once, that the request is filed and where
 * its decision appears: part of the first sync rather than a job of its own, since it is one more
 * Slack call for every request. Returns the post to record, if one was made.
 */
async function confirmFiled(services: Services, { row, told }: RequestProjection, call: Call): Promise<Rendered["post"]> {
  const key = `confirm:${row.id}`;
  if (row.origin !== "slack" || !row.originChannel || told.has(key)) return undefined;
  // Said where the agent filed it, so in that channel's language.
  const words = channelWords(services.config, row.originChannel);
  const text = words.t("channel.confirm.filed", { request: requestLabel(row.id), kind: requestKindSchema.parse(row.kind), orderId: row.orderId, channel: `<#${services.config.channels.requests}>` });
  try {
    await call(() => services.slackChat.postEphemeral({ channel: row.originChannel!, user: row.requestedBy, text }));
    return { key, channel: row.originChannel, ts: "" };
  } catch (error) {
    // The bot may not be in the channel the command came from: say it in a direct message instead.
    if (!(error instanceof UnrecoverableError)) throw error;
    await call(() => services.slackChat.postMessage({ channel: row.requestedBy, text }));
    return { key, channel: row.requestedBy, ts: "" };
  }
}

/** What the request's message shows, from the projection read in one go. */
function messageInputOf(projection: RequestProjection): RequestMessageInput {
  const execution = executionViewOfProjection(projection);
  return { ...requestMessageInputOf(projection.row), ...(execution ? { execution } : {}) };
}

/** The approval message, once a request has needed approval: posted once, then updated in place. */
async function renderApproval(services: Services, { row, answers }: RequestProjection, input: RequestMessageInput, call: Call): Promise<Rendered["approval"]> {
  const { slackChat, config } = services;
  if (row.approvalsRequired === 0 && !row.approvalTs) return undefined;
  if (!row.approvalTs && row.state !== "awaiting_approval") return undefined;
  const channel = row.approvalTs && row.approvalChannel ? row.approvalChannel : config.channels.approvals;
  const message = buildApprovalMessage(channelWords(config, channel), { ...input, approvalsRequired: row.approvalsRequired, answers });
  if (!row.approvalTs) {
    const posted = await call(() => slackChat.postMessage({ channel, ...message, unfurl_links: false }));
    return { posted: { channel: posted.channel ?? config.channels.approvals, ts: posted.ts ?? null } };
  }
  if (row.version <= row.approvalVersion) return undefined;
  await call(() => slackChat.update({ channel: row.approvalChannel!, ts: row.approvalTs!, ...message }));
  return {};
}
