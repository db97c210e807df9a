import type { KnownBlock } from "@slack/types";
import type { Decision } from "../../domain/decision";
import type { Platform } from "../../domain/order";
import type { Initiator, Reason, RequestKind } from "../../domain/request";
import type { RequestState } from "../../domain/request-state";
import type { Words } from "../../presentation/index";
import { escapeMrkdwn, requestLabel } from "../format";
import { effectsSummary, executionBlocks, type ExecutionView } from "./execution-section";
import { codeKey, explainDecision, routeLabel } from "../../presentation/index";
import { initiatorLabel, kindLabel, mention, platformLabel, reasonLabel, stateLabel } from "./labels";

/** What a request message shows: a stored request, read back. */
export interface RequestMessageInput {
  id: number;
  platform: Platform;
  orderId: string;
  kind: RequestKind;
  initiator: Initiator;
  reason: Reason;
  amount: number | null;
  currency?: string;
  note: string | null;
  customerMessage?: string | null;
  requestedBy: string;
  state: RequestState;
  decision: Decision | null;
  engineVersion: string | null;
  /** Once execution has begun: each effect, and the failure or the manual task. */
  execution?: ExecutionView;
}

/** "RD-42 · Cancel · Qoo10 order QX1". */
export function requestTitle(words: Words, r: Pick<RequestMessageInput, "id" | "kind" | "platform" | "orderId">): string {
  return words.t("channel.request.title", { request: requestLabel(r.id), kind: kindLabel(words, r.kind), platform: platformLabel(words, r.platform), orderId: escapeMrkdwn(r.orderId) });
}

function amountText(words: Words, r: RequestMessageInput): string {
  if (r.decision && r.currency) return words.money(r.decision.refundAmount, r.currency);
  if (r.amount !== null && r.currency) return words.money(r.amount, r.currency);
  return words.t("channel.request.everythingRefundable");
}

const field = (label: string, value: string) => ({ type: "mrkdwn" as const, text: `*${label}*\n${value}` });

function decisionBlocks(words: Words, decision: Decision, explained: string, engineVersion: string | null): KnownBlock[] {
  const explanation = escapeMrkdwn(explained);
  const rules = decision.ruleIds.join(" · ");
  const engine = engineVersion ?? "?";
  const ruled = decision.route ? words.t("channel.request.rulesRouted", { rules, route: routeLabel(words, decision.route), engine }) : words.t("channel.request.rules", { rules, engine });
  return [
    { type: "section", text: { type: "mrkdwn", text: words.t(codeKey("channel.outcome", decision.outcome), { explanation }) } },
    { type: "context", elements: [{ type: "mrkdwn", text: ruled }] },
  ];
}

/** The notification's text: where the request stands, the decision, its rules and effects. */
function summaryText(words: Words, r: RequestMessageInput, shown: { title: string; state: string; explanation: string; effects: string | undefined }): string {
  const { title, state, explanation, effects } = shown;
  return [
    words.t("channel.request.textState", { title, state }),
    r.decision ? words.t("channel.request.textDecision", { outcome: r.decision.outcome, explanation }) : "",
    r.decision ? words.t("channel.request.textRules", { rules: r.decision.ruleIds.join(", ") }) : words.t("channel.request.textNoRules"),
    effects ? words.t("channel.request.textEffects", { effects }) : "",
  ]
    .filter(Boolean)
    .join(" ");
}

/** The request's message in the requests channel; it is updated in place as the request moves. */
export function buildRequestMessage(words: Words, r: RequestMessageInput): { text: string; blocks: KnownBlock[] } {
  const title = requestTitle(words, r);
  const state = stateLabel(words, r.state);
  const currency = r.currency ?? "TWD";
  // The blocks and the notification text say the same things: each is worded once.
  const explanation = r.decision ? explainDecision(words, r.decision) : "";
  const effects = effectsSummary(words, r.execution, currency);
  const blocks: KnownBlock[] = [
    { type: "section", text: { type: "mrkdwn", text: `*${title}*` } },
    {
      type: "section",
      fields: [
        field(words.t("channel.request.requestedBy"), mention(r.requestedBy)),
        field(words.t("channel.request.amount"), amountText(words, r)),
        field(words.t("channel.request.reason"), reasonLabel(words, r.reason)),
        field(words.t("channel.request.askedBy"), initiatorLabel(words, r.initiator)),
        field(words.t("channel.request.state"), state),
      ],
    },
  ];
  if (r.note) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `:memo: ${escapeMrkdwn(r.note).slice(0, 1500)}` }] });
  if (r.customerMessage) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: words.t("channel.request.customerWrote", { message: escapeMrkdwn(r.customerMessage).slice(0, 1500) }) }] });
  if (r.decision) blocks.push(...decisionBlocks(words, r.decision, explanation, r.engineVersion));
  blocks.push(...executionBlocks(words, { id: r.id, state: r.state, order: { platform: r.platform, orderId: r.orderId }, view: r.execution, effects }));
  return { text: summaryText(words, r, { title, state, explanation, effects }), blocks };
}
