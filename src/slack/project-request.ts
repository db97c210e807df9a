import { UnrecoverableError } from "bullmq";
import type { Services } from "../app/services";
import { answersOf } from "../db/approvals";
import { auditTrail, getRequest, rememberThread, type RequestRow } from "../db/requests";
import { Prisma } from "../generated/prisma/client";
import { buildApprovalMessage } from "./messages/approval-message";
import { buildRequestMessage } from "./messages/request-message";
import { loadRequestMessageInput, type requestMessageInputOf } from "./messages/request-message-input";
import { threadReplyFor } from "./messages/thread-reply";

type Call = <T>(fn: () => Promise<T>) => Promise<T>;

/**
 * Brings a request's Slack messages in line with its stored state: its message in the requests
 * channel (posted once, then updated in place), one thread reply per step worth telling (each
 * posted once: the `slack_posts` ledger remembers), and the approval message with its buttons.
 * Slack is a projection of the database: running this twice, or late, changes nothing more.
 */
export async function projectRequest(services: Services, requestId: number, call: Call): Promise<void> {
  const { db, slack, config } = services;
  const row = await getRequest(db, requestId);
  if (!row) throw new UnrecoverableError(`request ${requestId} does not exist`);
  // With its execution (effects, failure, manual task) once it has begun.
  const input = await loadRequestMessageInput(db, row);

  // 1. The request's own message.
  let thread = row.threadTs && row.threadChannel ? { channel: row.threadChannel, ts: row.threadTs } : null;
  if (!thread) {
    const posted = await call(() => slack.chat.postMessage({ channel: config.channels.requests, ...buildRequestMessage(input), unfurl_links: false, unfurl_media: false }));
    if (!posted.ts || !posted.channel) throw new Error("chat.postMessage answered without channel and ts");
    await rememberThread(db, requestId, posted.channel, posted.ts);
    thread = { channel: posted.channel, ts: posted.ts };
  } else if (row.version > row.threadVersion) {
    const { channel, ts } = thread;
    await call(() => slack.chat.update({ channel, ts, ...buildRequestMessage(input) }));
  }
  await markRendered(services, requestId, "thread_version", row.version);

  // 2. A reply in its thread for every step not told yet, in order.
  const events = await auditTrail(db, requestId);
  const told = new Set((await db.slackPost.findMany({ where: { key: { in: events.map((e) => `reply:${e.id}`) } }, select: { key: true } })).map((p) => p.key));
  for (const event of events) {
    const key = `reply:${event.id}`;
    if (told.has(key)) continue;
    const text = threadReplyFor(event);
    if (!text) continue;
    const { channel, ts } = thread;
    const posted = await call(() => slack.chat.postMessage({ channel, thread_ts: ts, text, unfurl_links: false }));
    await db.slackPost.createMany({ data: [{ key, channel, ts: posted.ts ?? "" }], skipDuplicates: true });
  }

  // 3. The approval message, once a request has needed approval.
  await projectApproval(services, row, input, call);
}

async function projectApproval(services: Services, row: RequestRow, input: ReturnType<typeof requestMessageInputOf>, call: Call): Promise<void> {
  const { db, slack, config } = services;
  if (row.approvalsRequired === 0 && !row.approvalTs) return;
  if (!row.approvalTs && row.state !== "awaiting_approval") return;
  const message = buildApprovalMessage({ ...input, approvalsRequired: row.approvalsRequired, answers: await answersOf(db, row.id) });
  if (!row.approvalTs) {
    const posted = await call(() => slack.chat.postMessage({ channel: config.channels.approvals, ...message, unfurl_links: false }));
    await db.refundRequest.updateMany({ where: { id: row.id, approvalTs: null }, data: { approvalChannel: posted.channel ?? config.channels.approvals, approvalTs: posted.ts ?? null } });
  } else if (row.version > row.approvalVersion) {
    await call(() => slack.chat.update({ channel: row.approvalChannel!, ts: row.approvalTs!, ...message }));
  }
  await markRendered(services, row.id, "approval_version", row.version);
}

/** Remembers which version a message shows; never goes back, so a late run cannot undo a newer one. */
async function markRendered(services: Services, requestId: number, column: "thread_version" | "approval_version", version: number): Promise<void> {
  await services.db.$executeRaw(Prisma.sql`UPDATE refund_requests SET ${Prisma.raw(column)} = GREATEST(${Prisma.raw(column)}, ${version}) WHERE id = ${requestId}`);
}
