import type { Services } from "../app/services";
import type { Approval } from "../use-cases/ports/store";
import { giveVerdict, type Refusal, type VerdictOutcome } from "../use-cases/give-verdict";
import type { Verdict } from "../use-cases/ports/store";
import { requestLabel } from "./format";
import { STATE_LABELS } from "./messages/request-message";

/** What the one who clicked is told, and whether the click took effect. */
export type VerdictResult = { done: boolean; message: string };

const at = (date: Date) => `<!date^${Math.floor(date.getTime() / 1000)}^{date_short_pretty} {time}|${date.toISOString()}>`;

function alreadyDecided(label: string, outcome: Extract<VerdictOutcome, { kind: "not_pending" }>): string {
  const { answers, state } = outcome;
  const rejection = answers.find((a: Approval) => a.verdict === "reject");
  if (rejection) return `${label} was already rejected by <@${rejection.approverId}> ${at(rejection.at)}.`;
  const approvals = answers.filter((a: Approval) => a.verdict === "approve");
  if (approvals.length) return `${label} was already approved by ${approvals.map((a) => `<@${a.approverId}>`).join(", ")} ${at(approvals.at(-1)!.at)}; it is ${STATE_LABELS[state]}.`;
  return `${label} is not waiting for approval: it is ${STATE_LABELS[state]}.`;
}

function refusalWords(label: string, why: Refusal): string {
  return why === "not_an_approver" ? `Only approvers can approve or reject refunds; ${label} was left as it is.` : `You filed ${label}: someone else must approve or reject it (four eyes).`;
}

/** The words for a verdict's outcome, as the clicker reads them. */
export function verdictReply(outcome: VerdictOutcome): VerdictResult {
  const label = requestLabel(outcome.requestId);
  switch (outcome.kind) {
    case "unknown_request":
      return { done: false, message: `There is no request ${label}.` };
    case "refused":
      return { done: false, message: refusalWords(label, outcome.why) };
    case "not_pending":
      return { done: false, message: alreadyDecided(label, outcome) };
    case "duplicate":
      return { done: false, message: `You already ${outcome.answer.verdict === "approve" ? "approved" : "rejected"} ${label} ${at(outcome.answer.at)}.` };
    case "recorded":
      return { done: true, message: `Approved ${label}: ${outcome.remaining} more approver${outcome.remaining === 1 ? "" : "s"} needed.` };
    case "approved":
      return { done: true, message: `Approved ${label}.` };
    case "denied":
      return { done: true, message: `Rejected ${label}.` };
  }
}

/** Approve or Reject clicked: the use case, then its outcome in words. */
export async function giveVerdictAndReply(services: Services, input: { requestId: number; userId: string; verdict: Verdict; reason?: string }): Promise<VerdictResult> {
  return verdictReply(await giveVerdict(services, input));
}

/** Why this user may not decide the request, in words. */
export function refusalReply(requestId: number, why: Refusal): string {
  return refusalWords(requestLabel(requestId), why);
}
