import { createHash } from "node:crypto";
import { z } from "zod";
import { UnrecoverableError } from "bullmq";
import type { Services } from "../app/services";
import { batchSharedSchema, batchSourceSchema, batchStateSchema, skippedOf, type BatchShared } from "../domain/bulk/batch-items";
import { floorsOf } from "../domain/batch-approval";
import { batchProgress } from "../domain/bulk/batch-progress";
import { resultsCsv, type MemberResult } from "./results-csv";
import type { BatchRow, MemberResultRow } from "../use-cases/ports/store";
import { decisionSchema, outcomeSchema, type Decision } from "../domain/decision";
import { platformSchema } from "../domain/order";
import { requestKindSchema } from "../domain/request";
import { batchSummaryText, buildBatchMessage, type BatchMessageInput, type DecidedMember } from "./messages/batch-message";
import { buildBatchApprovalMessage } from "./messages/batch-approval-message";
import { batchEventReply } from "./messages/batch-replies";
import { channelWords } from "./channel-words";
import { postOnce } from "./post-once";

type Call = <T>(fn: () => Promise<T>) => Promise<T>;

/** How many pending members the batch approval message lists with their own buttons (Slack allows 50 blocks). */
const LISTED_PENDING = 10;

export function sharedOf(batch: BatchRow): BatchShared {
  return batchSharedSchema.parse({
    kind: batch.kind,
    initiator: batch.initiator,
    ...(batch.reason ? { reason: batch.reason } : {}),
    notifyCustomer: batch.notifyCustomer,
    flagCustomer: batch.flagCustomer,
    returnReceived: batch.returnReceived,
    ...(batch.note ? { note: batch.note } : {}),
  });
}

const fingerprint = (message: { blocks: unknown }) => createHash("sha256").update(JSON.stringify(message.blocks)).digest("hex").slice(0, 32);

function parseDecision(value: unknown): Decision | null {
  const parsed = value === null ? null : decisionSchema.safeParse(value);
  return parsed?.success ? parsed.data : null;
}

/** A member's decision, as far as the summary and the CSV show it; a decision without an outcome and rules counts as none. */
const shownDecisionSchema = z.object({ outcome: outcomeSchema, ruleIds: z.array(z.string()) });

/** A member for the summary (its state and decision) and for its line in the results CSV. */
function resultOf(row: MemberResultRow): DecidedMember & { result: Omit<MemberResult, "line"> } {
  const shown = shownDecisionSchema.safeParse({ outcome: row.outcome, ruleIds: row.ruleIds });
  const decision = shown.success ? shown.data : null;
  return {
    state: row.state,
    decision,
    result: {
      requestId: row.id,
      platform: row.platform,
      orderId: row.orderId,
      outcome: decision?.outcome ?? null,
      ruleIds: decision?.ruleIds ?? [],
      state: row.state,
      amount: decision ? row.refundAmount : row.amount,
      currency: row.currency,
    },
  };
}

/**
 * Brings a batch's Slack messages in line with the database, like `projectRequest` does for one
 * request: its message in the requests channel (posted once, then updated in place when what it
 * shows changed), once every member is decided the summary and the results CSV in its thread, a
 * thread reply per batch-wide step, and the batch approval message. Running it twice, or late,
 * changes nothing more; it runs at most about once a second per batch (`sync-batch`).
 */
export async function projectBatch(services: Services, batchId: string, call: Call): Promise<void> {
  const { store, projections, slack, config } = services;
  const batch = await store.getBatch(batchId);
  if (!batch) throw new UnrecoverableError(`batch ${batchId} does not exist`);
  if (batch.state === "draft") return;
  const shared = sharedOf(batch);
  const skipped = skippedOf(batch);
  const input: BatchMessageInput = {
    id: batch.id,
    state: batchStateSchema.parse(batch.state),
    shared,
    createdBy: batch.createdBy,
    source: batchSourceSchema.parse(batch.source),
    itemCount: batch.itemCount,
    skipped,
    progress: batchProgress(await store.stateCounts(batchId), batch.itemCount, requestKindSchema.parse(batch.kind)),
    confirmedAt: batch.confirmedAt,
    finishedAt: batch.finishedAt,
  };

  // 1. The batch's message: one, updated in place.
  let thread = batch.messageTs && batch.messageChannel ? { channel: batch.messageChannel, ts: batch.messageTs } : null;
  const words = channelWords(config, thread?.channel ?? config.channels.requests);
  const message = buildBatchMessage(words, input);
  const shown = fingerprint(message);
  if (!thread) {
    const ts = await postOnce(services, `batch-message:${batchId}`, { channel: config.channels.requests, ...message, unfurl_links: false, unfurl_media: false }, call);
    const channel = (await projections.findPost(`batch-message:${batchId}`))?.channel ?? config.channels.requests;
    await projections.rememberBatchMessage(batchId, "message", channel, ts);
    thread = { channel, ts };
    await confirmToAgent(services, batch, thread, call);
  } else if (batch.messageShown !== shown) {
    const { channel, ts } = thread;
    await call(() => services.slackChat.update({ channel, ts, ...message }));
  }
  if (batch.messageShown !== shown) await projections.rememberShown(batchId, "message", shown);
  if (batch.state !== "finished") return;

  // 2. Once finished: the summary and the per-order results, in the thread, once each. The members
  // are read only while one of the two is still to post, not on every later sync.
  const { channel, ts } = thread;
  const summaryKey = `batch-summary:${batchId}`;
  const resultsKey = `batch-results:${batchId}`;
  const posted = new Set(await projections.postedKeys([summaryKey, resultsKey]));
  if (posted.size < 2) {
    const members = (await projections.memberResults(batchId)).map(resultOf);
    if (!posted.has(summaryKey)) await postOnce(services, summaryKey, { channel, thread_ts: ts, text: batchSummaryText(words, input, members) }, call);
    if (!posted.has(resultsKey)) {
      const lineOf = new Map((await store.batchItems(batchId)).map((item) => [`${item.platform}:${item.orderId}`, item.line ?? null]));
      const csv = resultsCsv(
        members.map((m) => ({ ...m.result, line: lineOf.get(`${m.result.platform}:${m.result.orderId}`) ?? null })),
        skipped,
      );
      await call(() => slack.filesUploadV2({ channel_id: channel, thread_ts: ts, filename: `batch-${batchId}-results.csv`, content: csv, title: words.t("batch.csvTitle", { batch: batchId }) }));
      await projections.rememberPost(resultsKey, channel, ts);
    }
  }

  // 3. A reply for each batch-wide step (approved or rejected in one click, reminded, expired).
  for (const event of await store.batchEvents(batchId)) {
    const text = batchEventReply(words, event);
    if (text) await postOnce(services, `batch-reply:${event.id}`, { channel, thread_ts: ts, text }, call);
  }

  // 4. The batch approval message, once some member has waited for approval.
  await projectBatchApproval(services, batch, input, call);
}

async function projectBatchApproval(services: Services, batch: BatchRow, input: BatchMessageInput, call: Call): Promise<void> {
  const { store, projections, config } = services;
  const pending = await store.pendingSummary(batch.id);
  if (pending.count === 0 && !batch.approvalTs) return;
  const floors = floorsOf(batch) ?? {};
  const pendingCurrencies = new Set(pending.totals.map((t) => t.currency));
  const first = await projections.pendingMembers(batch.id, LISTED_PENDING);
  const target = batch.approvalTs && batch.approvalChannel ? batch.approvalChannel : config.channels.approvals;
  const message = buildBatchApprovalMessage(channelWords(config, target), {
    batch: input,
    pending,
    floorReasons: Object.entries(floors)
      .filter(([currency, floor]) => pendingCurrencies.has(currency) && floor.approvalsRequired > 0)
      .map(([, floor]) => floor.because),
    answers: await store.batchApprovers(batch.id),
    first: first.map((row) => {
      const decision = parseDecision(row.decision);
      return {
        id: row.id,
        platform: platformSchema.parse(row.platform),
        orderId: row.orderId,
        refundAmount: decision?.refundAmount ?? row.amount,
        currency: row.currency,
        ruleIds: decision?.ruleIds ?? [],
        approvalsRequired: row.approvalsRequired,
      };
    }),
    expired: input.progress.buckets.find((b) => b.states.includes("expired"))?.count ?? 0,
  });
  const shown = fingerprint(message);
  if (!batch.approvalTs) {
    const ts = await postOnce(services, `batch-approval:${batch.id}`, { channel: target, ...message, unfurl_links: false }, call);
    const channel = (await projections.findPost(`batch-approval:${batch.id}`))?.channel ?? config.channels.approvals;
    await projections.rememberBatchMessage(batch.id, "approval", channel, ts);
  } else if (batch.approvalShown !== shown) {
    await call(() => services.slackChat.update({ channel: batch.approvalChannel!, ts: batch.approvalTs!, ...message }));
  }
  if (batch.approvalShown !== shown) await projections.rememberShown(batch.id, "approval", shown);
}

/** Tells the agent, privately, that the batch is filed and where it is followed; once. */
async function confirmToAgent(services: Services, batch: BatchRow, thread: { channel: string; ts: string }, call: Call): Promise<void> {
  const key = `batch-confirm:${batch.id}`;
  if (!/^[UW][A-Z0-9]+$/.test(batch.createdBy) || (await services.projections.findPost(key))) return;
  // Said where the agent filed it, so in that channel's language.
  const text = channelWords(services.config, batch.originChannel ?? batch.createdBy).t("batch.confirm.filed", { batch: batch.id, count: batch.itemCount, channel: `<#${thread.channel}>` });
  let ts = "";
  try {
    if (!batch.originChannel) throw new Error("no channel");
    ts = (await call(() => services.slackChat.postEphemeral({ channel: batch.originChannel!, user: batch.createdBy, text }))).message_ts ?? "";
  } catch (error) {
    // The bot may not be in the channel the command came from: say it in a direct message instead.
    if (!(error instanceof UnrecoverableError) && batch.originChannel) throw error;
    ts = (await call(() => services.slackChat.postMessage({ channel: batch.createdBy, text }))).ts ?? "";
  }
  await services.projections.rememberPost(key, batch.originChannel ?? batch.createdBy, ts);
}
