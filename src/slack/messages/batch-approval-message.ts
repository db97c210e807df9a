import type { KnownBlock } from "@slack/types";
import type { Platform } from "../../domain/order";
import type { Words } from "../../presentation/index";
import { IDS } from "../ids";
import { escapeMrkdwn, requestLabel } from "../format";
import { approvalButtons } from "./approval-message";
import { batchTitle, type BatchMessageInput } from "./batch-message";
import { mention, platformLabel } from "./labels";

export interface PendingMemberLine {
  id: number;
  platform: Platform;
  orderId: string;
  refundAmount: number | null;
  currency: string;
  ruleIds: readonly string[];
  approvalsRequired: number;
}

export interface BatchApprovalInput {
  batch: Pick<BatchMessageInput, "id" | "shared" | "itemCount" | "createdBy">;
  pending: { count: number; totals: { currency: string; count: number; amount: number }[]; maxRequired: number };
  /** Why members need the approvers they do, from the batch total (per currency). */
  floorReasons: readonly string[];
  /** Who answered so far, and how many members each. */
  answers: readonly { approverId: string; verdict: string; n: number }[];
  /** The first pending members, with their own buttons. */
  first: readonly PendingMemberLine[];
  expired: number;
}

const context = (text: string): KnownBlock => ({ type: "context", elements: [{ type: "mrkdwn", text }] });

/** "<@U1> approved 3 orders, <@U2> rejected 1 order". */
function answered(words: Words, answers: BatchApprovalInput["answers"]): string {
  return words.list(answers.map((a) => words.t("batch.approval.answered", { approver: mention(a.approverId), verdict: a.verdict, count: a.n })));
}

function batchButtons(words: Words, batchId: string, count: number, totals: string): KnownBlock {
  return {
    type: "actions",
    block_id: IDS.blocks.batchButtons,
    elements: [
      {
        type: "button",
        action_id: IDS.actions.approveBatch,
        style: "primary",
        text: { type: "plain_text", text: words.t("batch.approval.approveAll", { count }) },
        value: batchId,
        confirm: {
          title: { type: "plain_text", text: words.t("batch.approval.confirmTitle", { batch: batchId }) },
          text: { type: "mrkdwn", text: words.t("batch.approval.confirmText", { count, totals }) },
          confirm: { type: "plain_text", text: words.t("batch.approval.confirm") },
          deny: { type: "plain_text", text: words.t("batch.approval.back") },
        },
      },
      { type: "button", action_id: IDS.actions.rejectBatch, style: "danger", text: { type: "plain_text", text: words.t("batch.approval.rejectAll") }, value: batchId },
    ],
  };
}

/** The first pending members, each with its own Approve / Reject, and how many more there are. */
function memberBlocks(words: Words, first: readonly PendingMemberLine[], pendingCount: number): KnownBlock[] {
  const blocks: KnownBlock[] = [{ type: "divider" }];
  for (const m of first) {
    const amount = m.refundAmount === null ? "" : ` · ${words.money(m.refundAmount, m.currency)}`;
    const needs = m.approvalsRequired >= 2 ? ` · ${words.t("batch.approval.twoApprovers")}` : "";
    const order = words.t("batch.approval.member", { request: requestLabel(m.id), platform: platformLabel(words, m.platform), orderId: escapeMrkdwn(m.orderId) });
    blocks.push(context(`${order}${amount} · ${m.ruleIds.join(" ")}${needs}`), approvalButtons(words, m.id));
  }
  if (pendingCount > first.length) blocks.push(context(words.t("batch.approval.andMore", { count: pendingCount - first.length })));
  return blocks;
}

/** While members wait: how many, their total, who must approve, the thresholds, who answered, the buttons. */
function pendingBlocks(words: Words, input: BatchApprovalInput, totals: string): KnownBlock[] {
  const { pending } = input;
  const needs = words.t(pending.maxRequired >= 2 ? "batch.approval.needsTwo" : "batch.approval.needsOne");
  const blocks: KnownBlock[] = [{ type: "section", text: { type: "mrkdwn", text: `${words.t("batch.approval.waiting", { count: pending.count })} · ${totals}\n${needs}` } }];
  if (input.floorReasons.length) blocks.push(context(words.t("batch.approval.thresholds", { reasons: escapeMrkdwn(input.floorReasons.join("; ")) })));
  if (input.answers.length) blocks.push(context(words.t("batch.approval.soFar", { answered: answered(words, input.answers) })));
  blocks.push(batchButtons(words, input.batch.id, pending.count, totals));
  if (input.first.length) blocks.push(...memberBlocks(words, input.first, pending.count));
  return blocks;
}

/** Once nothing waits: who answered and how many expired. */
function settledLine(words: Words, input: BatchApprovalInput): string {
  const outcome = [input.answers.length ? answered(words, input.answers) : "", input.expired ? words.t("batch.approval.expired", { count: input.expired }) : ""].filter(Boolean).join("; ");
  return outcome ? words.t("batch.approval.settledWith", { outcome }) : words.t("batch.approval.settled");
}

/**
 * The batch approval message in the approvals channel: what waits, its total per currency, why it
 * needs the approvers it needs, who approved so far, **Approve all N pending** / **Reject all…**,
 * and the first pending members with their own Approve / Reject. Without pending members the
 * buttons go and the outcome stays.
 */
export function buildBatchApprovalMessage(words: Words, input: BatchApprovalInput): { text: string; blocks: KnownBlock[] } {
  const { batch, pending } = input;
  const totals = pending.totals.map((t) => words.money(t.amount, t.currency)).join(" · ");
  const title = batchTitle(words, batch);
  const waiting = pending.count > 0;
  const header = words.t("batch.approval.header", { needed: waiting ? "needed" : "request", title: escapeMrkdwn(title), by: mention(batch.createdBy) });
  const blocks: KnownBlock[] = [{ type: "section", text: { type: "mrkdwn", text: header } }];
  if (waiting) blocks.push(...pendingBlocks(words, input, totals));
  else blocks.push({ type: "section", text: { type: "mrkdwn", text: settledLine(words, input) } });
  const text = waiting ? words.t("batch.approval.text", { title, count: pending.count, totals }) : words.t("batch.approval.textSettled", { title });
  return { text, blocks };
}
