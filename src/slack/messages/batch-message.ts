import type { KnownBlock } from "@slack/types";
import type { BatchShared, BatchState, SkippedItem } from "../../domain/bulk/batch-items";
import { progressLine, type BatchProgress } from "../../domain/bulk/batch-progress";
import type { Decision } from "../../domain/decision";
import type { Platform } from "../../domain/order";
import { IDS } from "../ids";
import { INITIATOR_LABELS, KIND_LABELS, PLATFORM_LABELS, REASON_LABELS, escapeMrkdwn, formatMoney, requestLabel, slackDate } from "../format";
import { approvalButtons } from "./approval-message";

const mention = (id: string) => (/^[UW][A-Z0-9]+$/.test(id) ? `<@${id}>` : escapeMrkdwn(id));
const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** What a batch's message shows: the batch, read back, and its members counted by state. */
export interface BatchMessageInput {
  id: string;
  state: BatchState;
  shared: BatchShared;
  createdBy: string;
  source: "command" | "csv";
  itemCount: number;
  skipped: readonly SkippedItem[];
  progress: BatchProgress;
  confirmedAt: Date | null;
  finishedAt: Date | null;
}

export function batchTitle(b: Pick<BatchMessageInput, "id" | "shared" | "itemCount">): string {
  return `Batch ${b.id} · ${KIND_LABELS[b.shared.kind]} · ${count(b.itemCount, "order")}`;
}

/** "Out of stock · the store asks · customer notified". */
export function sharedLine(shared: BatchShared): string {
  return [
    shared.reason ? REASON_LABELS[shared.reason] : "each line's own reason",
    `${INITIATOR_LABELS[shared.initiator].toLowerCase()} asks`,
    shared.notifyCustomer ? "customer notified" : "customer not notified",
    ...(shared.flagCustomer ? ["warning-account flag"] : []),
    ...(shared.returnReceived ? ["goods received"] : []),
  ].join(" · ");
}

/** The ids that were not filed, briefly: the full list is in the results CSV. */
export function skippedLine(skipped: readonly SkippedItem[], max = 10): string | null {
  if (skipped.length === 0) return null;
  const list = (items: readonly SkippedItem[]) => items.slice(0, max).map((s) => `\`${escapeMrkdwn(s.ref)}\``).join(", ") + (items.length > max ? ` …and ${items.length - max} more` : "");
  const unknown = skipped.filter((s) => s.why === "unknown");
  const ambiguous = skipped.filter((s) => s.why === "ambiguous");
  return [
    unknown.length ? `${count(unknown.length, "id")} not in the order store: ${list(unknown)}` : "",
    ambiguous.length ? `${count(ambiguous.length, "id")} on several platforms (prefix with \`cyberbiz:\` or \`qoo10:\`): ${list(ambiguous)}` : "",
  ]
    .filter(Boolean)
    .join("\n");
}

/**
 * The batch's one message in the requests channel, updated in place as its members move:
 * "412/500 done: 380 approved, 20 waiting for approval, 12 refused". No message per member.
 */
export function buildBatchMessage(b: BatchMessageInput): { text: string; blocks: KnownBlock[] } {
  const line = progressLine(b.progress);
  const blocks: KnownBlock[] = [
    { type: "section", text: { type: "mrkdwn", text: `:package: *${escapeMrkdwn(batchTitle(b))}* filed by ${mention(b.createdBy)}${b.source === "csv" ? " from a CSV" : ""}` } },
    { type: "section", text: { type: "mrkdwn", text: `*${line}*` } },
    { type: "context", elements: [{ type: "mrkdwn", text: escapeMrkdwn(sharedLine(b.shared)) + (b.confirmedAt ? ` · started ${slackDate(b.confirmedAt)}` : "") }] },
  ];
  if (b.shared.note) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `:memo: ${escapeMrkdwn(b.shared.note).slice(0, 1500)}` }] });
  const skipped = skippedLine(b.skipped);
  if (skipped) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `:warning: Not filed: ${skipped}` }] });
  if (b.state === "finished" && b.finishedAt) {
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `:checkered_flag: Every order decided ${slackDate(b.finishedAt)}: the summary and the per-order results are in the thread.` }] });
  } else if (b.state === "filing") {
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: ":hourglass_flowing_sand: Filing the orders…" }] });
  }
  return { text: `${batchTitle(b)}: ${line}`, blocks };
}

/** A member's decision, for the summary: which rules refused how many. */
export interface DecidedMember {
  state: string;
  decision: Pick<Decision, "outcome" | "ruleIds"> | null;
}

/** "Q8 ×10, G1 ×2": the rule that refused each refused member, most frequent first. */
export function refusalRules(members: readonly DecidedMember[]): string {
  const byRule = new Map<string, number>();
  for (const m of members) {
    if (m.state !== "rejected") continue;
    const rule = m.decision?.ruleIds[0] ?? "no order";
    byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
  }
  return [...byRule].sort(([a, x], [b, y]) => y - x || a.localeCompare(b)).map(([rule, n]) => `${rule} ×${n}`).join(", ");
}

/** The reply in the batch's thread when it finishes; the results CSV follows it. */
export function batchSummaryText(b: BatchMessageInput, members: readonly DecidedMember[]): string {
  const seconds = b.confirmedAt && b.finishedAt ? Math.max(0, Math.round((b.finishedAt.getTime() - b.confirmedAt.getTime()) / 1000)) : null;
  const refused = refusalRules(members);
  return [
    `:checkered_flag: *Batch ${b.id} finished*${seconds !== null ? ` in ${seconds} s` : ""}: ${progressLine(b.progress)}.`,
    refused ? `Refused by rule: ${refused}.` : "",
    b.skipped.length ? `${count(b.skipped.length, "id")} ${b.skipped.length === 1 ? "was" : "were"} not filed (listed in the CSV).` : "",
    "Per-order results (request, order, decision, rules, state, amount): the CSV below.",
  ]
    .filter(Boolean)
    .join("\n");
}

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

/**
 * The batch approval message in the approvals channel: what waits, its total per currency, why it
 * needs the approvers it needs, who approved so far, **Approve all N pending** / **Reject all…**,
 * and the first pending members with their own Approve / Reject. Without pending members the
 * buttons go and the outcome stays.
 */
export function buildBatchApprovalMessage(input: BatchApprovalInput): { text: string; blocks: KnownBlock[] } {
  const { batch, pending, answers } = input;
  const totals = pending.totals.map((t) => formatMoney(t.amount, t.currency)).join(" · ");
  const so = answers.length
    ? `So far: ${answers.map((a) => `${mention(a.approverId)} ${a.verdict === "approve" ? "approved" : "rejected"} ${count(a.n, "order")}`).join(", ")}.`
    : "";
  const header = `:bell: *Approval ${pending.count > 0 ? "needed" : "request"} for ${escapeMrkdwn(batchTitle(batch))}* filed by ${mention(batch.createdBy)}`;
  const blocks: KnownBlock[] = [{ type: "section", text: { type: "mrkdwn", text: header } }];
  if (pending.count > 0) {
    const needs = pending.maxRequired >= 2 ? "Two distinct approvers (not the requester) must each approve them" : "One approver (not the requester) approves them";
    blocks.push({ type: "section", text: { type: "mrkdwn", text: `*${count(pending.count, "order")} ${pending.count === 1 ? "waits" : "wait"} for approval* · ${totals}\n${needs}.` } });
    if (input.floorReasons.length) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `Thresholds apply to the batch total too: ${escapeMrkdwn(input.floorReasons.join("; "))}.` }] });
    if (so) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: so }] });
    blocks.push({
      type: "actions",
      block_id: IDS.blocks.batchButtons,
      elements: [
        {
          type: "button",
          action_id: IDS.actions.approveBatch,
          style: "primary",
          text: { type: "plain_text", text: `Approve all ${pending.count.toLocaleString("en-US")} pending` },
          value: batch.id,
          confirm: {
            title: { type: "plain_text", text: `Approve batch ${batch.id}?` },
            text: { type: "mrkdwn", text: `Approves the ${count(pending.count, "order")} waiting (${totals}), as if you clicked each one's Approve.` },
            confirm: { type: "plain_text", text: "Approve all" },
            deny: { type: "plain_text", text: "Back" },
          },
        },
        { type: "button", action_id: IDS.actions.rejectBatch, style: "danger", text: { type: "plain_text", text: "Reject all…" }, value: batch.id },
      ],
    });
    if (input.first.length) {
      blocks.push({ type: "divider" });
      for (const m of input.first) {
        const amount = m.refundAmount === null ? "" : ` · ${formatMoney(m.refundAmount, m.currency)}`;
        const needs = m.approvalsRequired >= 2 ? " · 2 approvers" : "";
        blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `*${requestLabel(m.id)}* · ${PLATFORM_LABELS[m.platform]} order ${escapeMrkdwn(m.orderId)}${amount} · ${m.ruleIds.join(" ")}${needs}` }] });
        blocks.push(approvalButtons(m.id));
      }
      if (pending.count > input.first.length) {
        blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `…and ${count(pending.count - input.first.length, "more order")}: approve them all above, or one by one on App Home.` }] });
      }
    }
  } else {
    const outcome = [so.replace(/^So far: /, "").replace(/\.$/, ""), input.expired ? `${count(input.expired, "order")} expired` : ""].filter(Boolean).join("; ");
    blocks.push({ type: "section", text: { type: "mrkdwn", text: `:white_check_mark: Nothing waits for approval any more${outcome ? `: ${outcome}` : ""}.` } });
  }
  const text = pending.count > 0 ? `Approval needed: ${batchTitle(batch)}, ${count(pending.count, "order")} waiting (${totals})` : `${batchTitle(batch)}: nothing waits for approval`;
  return { text, blocks };
}

/** A batch event, as the batch's thread tells it; null when it is not told there. */
export function batchEventReply(event: { action: string; actor: string; detail: unknown }): string | null {
  const d = (event.detail ?? {}) as Record<string, unknown>;
  const n = (key: string) => (typeof d[key] === "number" ? (d[key] as number) : 0);
  switch (event.action) {
    case "approved_all": {
      const parts = [n("settled") ? `${count(n("settled"), "order")} approved` : "", n("needMore") ? `${count(n("needMore"), "order")} need one more approver` : ""].filter(Boolean);
      return `:white_check_mark: ${mention(event.actor)} approved every pending order: ${parts.join(", ") || "nothing left to approve"}.`;
    }
    case "rejected_all":
      return `:no_entry: ${mention(event.actor)} rejected ${count(n("settled"), "pending order")}: ${escapeMrkdwn(String(d.reason ?? ""))}`;
    case "reminder_sent": {
      const to = Array.isArray(d.to) ? (d.to as string[]) : [];
      return `:alarm_clock: ${count(n("pending"), "order")} still ${n("pending") === 1 ? "waits" : "wait"} for approval; reminded ${to.length ? to.map(mention).join(", ") : "the approvers"}.`;
    }
    case "escalated":
      return `:rotating_light: Waited too long: escalated to ${/^[CG]/.test(String(d.to)) ? `<#${String(d.to)}>` : mention(String(d.to))}.`;
    case "expired":
      return `:hourglass: ${count(n("count"), "order")} expired: nobody decided in time.`;
    default:
      return null;
  }
}
