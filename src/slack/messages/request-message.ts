import type { KnownBlock } from "@slack/types";
import type { Decision, Outcome } from "../../domain/decision";
import type { Platform } from "../../domain/order";
import type { Initiator, Reason, RequestKind } from "../../domain/request";
import type { RequestState } from "../../domain/request-state";
import { effectsSummary, executionBlocks, type ExecutionView } from "./execution-section";
import { INITIATOR_LABELS, KIND_LABELS, PLATFORM_LABELS, REASON_LABELS, escapeMrkdwn, explanationText, formatMoney, requestLabel } from "../format";

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

const OUTCOME_LINES: Record<Outcome, string> = {
  allow: ":white_check_mark: *Allowed*",
  manual: ":raised_hand: *Manual refund*",
  wait: ":hourglass_flowing_sand: *Waiting*",
  reject: ":no_entry: *Refused*",
};

export const STATE_LABELS: Record<RequestState, string> = {
  submitted: "evaluating…",
  rejected: "refused by the rules",
  waiting: "waiting for a condition",
  awaiting_approval: "waiting for approval",
  approved: "approved",
  denied: "rejected by an approver",
  expired: "expired",
  executing: "being carried out",
  failed: "failed: needs attention",
  manual_pending: "to be refunded by hand",
  completed: "done",
};

function requester(requestedBy: string): string {
  return /^[UW][A-Z0-9]+$/.test(requestedBy) ? `<@${requestedBy}>` : escapeMrkdwn(requestedBy);
}

/** The request's message in the requests channel; it is updated in place as the request moves. */
export function buildRequestMessage(r: RequestMessageInput): { text: string; blocks: KnownBlock[] } {
  const title = `${requestLabel(r.id)} · ${KIND_LABELS[r.kind]} · ${PLATFORM_LABELS[r.platform]} order ${r.orderId}`;
  const amount =
    r.decision && r.currency ? formatMoney(r.decision.refundAmount, r.currency) : r.amount !== null && r.currency ? formatMoney(r.amount, r.currency) : "everything refundable";
  const blocks: KnownBlock[] = [
    { type: "section", text: { type: "mrkdwn", text: `*${escapeMrkdwn(title)}*` } },
    {
      type: "section",
      fields: [
        { type: "mrkdwn", text: `*Requested by*\n${requester(r.requestedBy)}` },
        { type: "mrkdwn", text: `*Amount*\n${amount}` },
        { type: "mrkdwn", text: `*Reason*\n${REASON_LABELS[r.reason]}` },
        { type: "mrkdwn", text: `*Asked by*\n${INITIATOR_LABELS[r.initiator]}` },
        { type: "mrkdwn", text: `*State*\n${STATE_LABELS[r.state]}` },
      ],
    },
  ];
  if (r.note) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `:memo: ${escapeMrkdwn(r.note).slice(0, 1500)}` }] });
  if (r.customerMessage) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `:speech_balloon: The customer wrote: “${escapeMrkdwn(r.customerMessage).slice(0, 1500)}”` }] });
  if (r.decision) {
    blocks.push({ type: "section", text: { type: "mrkdwn", text: `${OUTCOME_LINES[r.decision.outcome]}: ${escapeMrkdwn(explanationText(r.decision))}` } });
    blocks.push({
      type: "context",
      elements: [{ type: "mrkdwn", text: `Rules: ${r.decision.ruleIds.join(" · ")}${r.decision.route ? ` · route: ${r.decision.route.replace("_", " ")}` : ""} · engine ${r.engineVersion ?? "?"}` }],
    });
  }
  blocks.push(...executionBlocks({ id: r.id, state: r.state, currency: r.currency ?? "TWD", order: { platform: r.platform, orderId: r.orderId }, view: r.execution }));
  const outcome = r.decision ? ` ${r.decision.outcome}: ${explanationText(r.decision)}` : "";
  const effects = effectsSummary(r.execution, r.currency ?? "TWD");
  return { text: `${title}: ${STATE_LABELS[r.state]}.${outcome} Rules: ${r.decision?.ruleIds.join(", ") ?? "none yet"}${effects ? `. Effects: ${effects}` : ""}`, blocks };
}
