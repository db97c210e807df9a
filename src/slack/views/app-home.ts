import type { HomeView, KnownBlock } from "@slack/types";
import type { Words } from "../../presentation/words";
import type { RequestMessageInput } from "../messages/request-message";
import { approvalButtons } from "../messages/approval-message";
import { escapeMrkdwn, requestLabel } from "../format";
import { explainDecision, kindLabel, platformLabel } from "../../presentation/index";
import { stateLabel } from "../messages/labels";

export interface HomeInput {
  approver: boolean;
  open: RequestMessageInput[];
  recent: RequestMessageInput[];
  waiting: RequestMessageInput[];
  /** How many wait in all; `waiting` holds the oldest of them. */
  waitingTotal: number;
}

function line(words: Words, r: RequestMessageInput): string {
  const amount = r.decision && r.currency ? ` · ${words.money(r.decision.refundAmount, r.currency)}` : r.amount !== null && r.currency ? ` · ${words.money(r.amount, r.currency)}` : "";
  return `*${requestLabel(r.id)}* · ${kindLabel(words, r.kind)} · ${platformLabel(words, r.platform)} ${escapeMrkdwn(r.orderId)}${amount} · _${stateLabel(words, r.state)}_`;
}

const header = (text: string): KnownBlock => ({ type: "header", text: { type: "plain_text", text } });
const context = (text: string): KnownBlock => ({ type: "context", elements: [{ type: "mrkdwn", text }] });
const section = (text: string): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text } });

function waitingForMe(words: Words, input: HomeInput): KnownBlock[] {
  const total = Math.max(input.waitingTotal, input.waiting.length);
  const blocks = [header(words.t("home.waiting_for_me", { count: words.number(total) }))];
  if (total === 0) blocks.push(context(words.t("home.nothing_waits")));
  else if (total > input.waiting.length) blocks.push(context(words.t("home.oldest_below", { count: words.number(input.waiting.length) })));
  for (const r of input.waiting) {
    const who = /^[UW]/.test(r.requestedBy) ? `<@${r.requestedBy}>` : escapeMrkdwn(r.requestedBy);
    const why = r.decision ? ` · ${escapeMrkdwn(explainDecision(words, r.decision))}` : "";
    blocks.push(section(`${line(words, r)}\n${words.t("home.requested_by", { who })}${why}`), approvalButtons(words, r.id));
  }
  blocks.push({ type: "divider" });
  return blocks;
}

/** App Home, in its viewer's words: their open requests and recent results; for approvers, what waits for them, with the buttons. */
export function buildAppHome(words: Words, input: HomeInput): HomeView {
  const blocks: KnownBlock[] = input.approver ? waitingForMe(words, input) : [];
  blocks.push(header(words.t("home.my_open_requests")));
  blocks.push(...(input.open.length ? input.open.map((r) => section(line(words, r))) : [context(words.t("home.no_open_requests"))]));
  blocks.push({ type: "divider" }, header(words.t("home.recent_results")));
  blocks.push(...(input.recent.length ? input.recent.map((r) => section(line(words, r))) : [context(words.t("home.no_results"))]));
  return { type: "home", blocks: blocks.slice(0, 100) };
}
