import type { KnownBlock } from "@slack/types";
import { IDS } from "../ids";
import { escapeMrkdwn, formatMoney, requestLabel, slackDate } from "../format";
import { buildRequestMessage, STATE_LABELS, type RequestMessageInput } from "./request-message";

export interface ApprovalAnswer {
  approverId: string;
  verdict: string;
  reason: string | null;
  at: Date;
}

export interface ApprovalMessageInput extends RequestMessageInput {
  approvalsRequired: number;
  answers: ApprovalAnswer[];
}

/** Approve and Reject, carrying the request id; used in the approvals channel and on App Home. */
export function approvalButtons(requestId: number): KnownBlock {
  return {
    type: "actions",
    block_id: `${IDS.blocks.approvalButtons}_${requestId}`,
    elements: [
      { type: "button", action_id: IDS.actions.approve, style: "primary", text: { type: "plain_text", text: "Approve" }, value: String(requestId) },
      { type: "button", action_id: IDS.actions.reject, style: "danger", text: { type: "plain_text", text: "Reject" }, value: String(requestId) },
    ],
  };
}

function outcomeLine(input: ApprovalMessageInput): string {
  const approvals = input.answers.filter((a) => a.verdict === "approve");
  const rejection = input.answers.find((a) => a.verdict === "reject");
  if (rejection) return `:no_entry: Rejected by <@${rejection.approverId}> ${slackDate(rejection.at)}: ${escapeMrkdwn(rejection.reason ?? "")}`;
  if (input.state === "expired") return ":hourglass: Expired: nobody decided in time.";
  if (input.state === "awaiting_approval") {
    const given = approvals.length ? ` (${approvals.map((a) => `<@${a.approverId}>`).join(", ")} approved)` : "";
    return `Needs ${input.approvalsRequired} approver${input.approvalsRequired === 1 ? "" : "s"}, not the requester${given}.`;
  }
  const last = approvals.at(-1);
  return `:white_check_mark: Approved by ${approvals.map((a) => `<@${a.approverId}>`).join(", ")}${last ? ` ${slackDate(last.at)}` : ""}. Now: ${STATE_LABELS[input.state]}.`;
}

/**
 * The approval request: the order, the decision and its rules, the requester and, while it waits,
 * Approve / Reject. Updated in place once decided: the buttons go, who decided and when stays.
 */
export function buildApprovalMessage(input: ApprovalMessageInput): { text: string; blocks: KnownBlock[] } {
  const request = buildRequestMessage(input);
  const amount = input.decision && input.currency ? formatMoney(input.decision.refundAmount, input.currency) : "";
  const header: KnownBlock = { type: "section", text: { type: "mrkdwn", text: `:bell: *Approval ${input.state === "awaiting_approval" ? "needed" : "request"}* for ${requestLabel(input.id)} ${amount ? `· ${amount}` : ""}` } };
  const status: KnownBlock = { type: "section", text: { type: "mrkdwn", text: outcomeLine(input) } };
  const blocks: KnownBlock[] = [header, ...request.blocks, status];
  if (input.state === "awaiting_approval") blocks.push(approvalButtons(input.id));
  return { text: `Approval ${input.state === "awaiting_approval" ? "needed" : "request"} for ${request.text}`, blocks };
}
