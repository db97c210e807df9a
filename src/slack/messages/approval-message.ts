import type { KnownBlock } from "@slack/types";
import type { Words } from "../../presentation/index";
import { IDS } from "../ids";
import { escapeMrkdwn, requestLabel, slackDate } from "../format";
import { mention, stateLabel } from "./labels";
import { buildRequestMessage, type RequestMessageInput } from "./request-message";

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
export function approvalButtons(words: Words, requestId: number): KnownBlock {
  return {
    type: "actions",
    block_id: `${IDS.blocks.approvalButtons}_${requestId}`,
    elements: [
      { type: "button", action_id: IDS.actions.approve, style: "primary", text: { type: "plain_text", text: words.t("channel.approval.approve") }, value: String(requestId) },
      { type: "button", action_id: IDS.actions.reject, style: "danger", text: { type: "plain_text", text: words.t("channel.approval.reject") }, value: String(requestId) },
    ],
  };
}

function outcomeLine(words: Words, input: ApprovalMessageInput): string {
  const approvals = input.answers.filter((a) => a.verdict === "approve");
  const rejection = input.answers.find((a) => a.verdict === "reject");
  if (rejection) return words.t("channel.approval.rejected", { approver: mention(rejection.approverId), at: slackDate(rejection.at), reason: escapeMrkdwn(rejection.reason ?? "") });
  if (input.state === "expired") return words.t("channel.approval.expired");
  const approvers = words.list(approvals.map((a) => mention(a.approverId)));
  if (input.state === "awaiting_approval") {
    return approvals.length
      ? words.t("channel.approval.needsSoFar", { count: input.approvalsRequired, approvers })
      : words.t("channel.approval.needs", { count: input.approvalsRequired });
  }
  const last = approvals.at(-1);
  return words.t("channel.approval.approved", { approvers, at: last ? slackDate(last.at) : "", state: stateLabel(words, input.state) });
}

/**
 * The approval request: the order, the decision and its rules, the requester and, while it waits,
 * Approve / Reject. Updated in place once decided: the buttons go, who decided and when stays.
 */
export function buildApprovalMessage(words: Words, input: ApprovalMessageInput): { text: string; blocks: KnownBlock[] } {
  const request = buildRequestMessage(words, input);
  const needed = input.state === "awaiting_approval" ? "needed" : "request";
  const amount = input.decision && input.currency ? ` · ${words.money(input.decision.refundAmount, input.currency)}` : "";
  const header: KnownBlock = { type: "section", text: { type: "mrkdwn", text: words.t("channel.approval.header", { needed, request: requestLabel(input.id) }) + amount } };
  const status: KnownBlock = { type: "section", text: { type: "mrkdwn", text: outcomeLine(words, input) } };
  const blocks: KnownBlock[] = [header, ...request.blocks, status];
  if (input.state === "awaiting_approval") blocks.push(approvalButtons(words, input.id));
  return { text: words.t("channel.approval.text", { needed, text: request.text }), blocks };
}
