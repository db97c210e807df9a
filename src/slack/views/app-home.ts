import type { HomeView, KnownBlock } from "@slack/types";
import type { RequestMessageInput } from "../messages/request-message";
import { STATE_LABELS } from "../messages/request-message";
import { explainDecision, wordsFor } from "../../presentation/index";
import { approvalButtons } from "../messages/approval-message";

// English, as the rest of App Home, until it is given its reader's words.
const english = wordsFor("en");
import { KIND_LABELS, PLATFORM_LABELS, escapeMrkdwn, formatMoney, requestLabel } from "../format";

export interface HomeInput {
  approver: boolean;
  open: RequestMessageInput[];
  recent: RequestMessageInput[];
  waiting: RequestMessageInput[];
  /** How many wait in all; `waiting` holds the oldest of them. */
  waitingTotal: number;
}

function line(r: RequestMessageInput): string {
  const amount = r.decision && r.currency ? ` · ${formatMoney(r.decision.refundAmount, r.currency)}` : r.amount !== null && r.currency ? ` · ${formatMoney(r.amount, r.currency)}` : "";
  return `*${requestLabel(r.id)}* · ${KIND_LABELS[r.kind]} · ${PLATFORM_LABELS[r.platform]} ${escapeMrkdwn(r.orderId)}${amount} · _${STATE_LABELS[r.state]}_`;
}

const header = (text: string): KnownBlock => ({ type: "header", text: { type: "plain_text", text } });
const context = (text: string): KnownBlock => ({ type: "context", elements: [{ type: "mrkdwn", text }] });

/** App Home: for everyone, their open requests and recent results; for approvers, what waits for them, with the buttons. */
export function buildAppHome(input: HomeInput): HomeView {
  const blocks: KnownBlock[] = [];
  if (input.approver) {
    const total = Math.max(input.waitingTotal, input.waiting.length);
    blocks.push(header(`Waiting for me (${total.toLocaleString("en-US")})`));
    if (total === 0) blocks.push(context("Nothing waits for your approval."));
    else if (total > input.waiting.length) blocks.push(context(`The oldest ${input.waiting.length} are below; the rest wait in the approvals channel.`));
    for (const r of input.waiting) {
      blocks.push({ type: "section", text: { type: "mrkdwn", text: `${line(r)}\nRequested by ${/^[UW]/.test(r.requestedBy) ? `<@${r.requestedBy}>` : escapeMrkdwn(r.requestedBy)}${r.decision ? ` · ${escapeMrkdwn(explainDecision(english, r.decision))}` : ""}` } });
      blocks.push(approvalButtons(english, r.id));
    }
    blocks.push({ type: "divider" });
  }
  blocks.push(header("My open requests"));
  blocks.push(...(input.open.length ? input.open.map((r): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text: line(r) } })) : [context("None. File one with `/refund ORDER_ID` or `/cancel ORDER_ID`.")]));
  blocks.push({ type: "divider" }, header("Recent results"));
  blocks.push(...(input.recent.length ? input.recent.map((r): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text: line(r) } })) : [context("No results yet.")]));
  return { type: "home", blocks: blocks.slice(0, 100) };
}
