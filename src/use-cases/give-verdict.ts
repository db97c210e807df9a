import type { Services } from "../app/services";
import { recordVerdict, type Approval, type Verdict } from "../db/approvals";
import { getRequest, recordAudit, type RequestRow } from "../db/requests";
import { STATE_LABELS } from "../slack/messages/request-message";
import { requestLabel } from "../slack/format";
import { requestStateSchema } from "../domain/request-state";
import { afterTransition } from "./after-transition";

export type VerdictResult = { done: boolean; message: string };

const at = (date: Date) => `<!date^${Math.floor(date.getTime() / 1000)}^{date_short_pretty} {time}|${date.toISOString()}>`;

function alreadyDecided(label: string, state: string, answers: Approval[]): string {
  const rejection = answers.find((a) => a.verdict === "reject");
  if (rejection) return `${label} was already rejected by <@${rejection.approverId}> ${at(rejection.at)}.`;
  const approvals = answers.filter((a) => a.verdict === "approve");
  if (approvals.length) return `${label} was already approved by ${approvals.map((a) => `<@${a.approverId}>`).join(", ")} ${at(approvals.at(-1)!.at)}; it is ${STATE_LABELS[requestStateSchema.parse(state)]}.`;
  return `${label} is not waiting for approval: it is ${STATE_LABELS[requestStateSchema.parse(state)]}.`;
}

/**
 * Who may decide a request: an approver, never its requester (four eyes). A refusal is written to
 * the audit trail. Returns the refusal to show, or null when the user may decide.
 */
export async function refusalFor(services: Pick<Services, "db" | "approvers">, row: RequestRow, userId: string): Promise<string | null> {
  const label = requestLabel(row.id);
  if (!(await services.approvers.isApprover(userId))) {
    await recordAudit(services.db, row.id, { type: "user", id: userId }, "approval_refused", { user: userId, why: "not_an_approver" });
    return `Only approvers can approve or reject refunds; ${label} was left as it is.`;
  }
  if (row.requestedBy === userId) {
    await recordAudit(services.db, row.id, { type: "user", id: userId }, "approval_refused", { user: userId, why: "own_request" });
    return `You filed ${label}: someone else must approve or reject it (four eyes).`;
  }
  return null;
}

/**
 * An approver's Approve or Reject. Exactly one decision takes effect however many clicks arrive at
 * once; everyone else is told who decided first.
 */
export async function giveVerdict(services: Services, input: { requestId: number; userId: string; verdict: Verdict; reason?: string }): Promise<VerdictResult> {
  const row = await getRequest(services.db, input.requestId);
  if (!row) return { done: false, message: `There is no request ${requestLabel(input.requestId)}.` };
  const refusal = await refusalFor(services, row, input.userId);
  if (refusal) return { done: false, message: refusal };
  const label = requestLabel(row.id);
  const outcome = await recordVerdict(services.db, { requestId: row.id, approverId: input.userId, verdict: input.verdict, ...(input.reason ? { reason: input.reason } : {}) });
  switch (outcome.kind) {
    case "unknown_request":
      return { done: false, message: `There is no request ${label}.` };
    case "not_pending":
      return { done: false, message: alreadyDecided(label, outcome.state, outcome.answers) };
    case "duplicate":
      return { done: false, message: `You already ${outcome.answer.verdict === "approve" ? "approved" : "rejected"} ${label} ${at(outcome.answer.at)}.` };
    case "recorded":
      await afterTransition(services, { requestId: row.id, to: "awaiting_approval", version: outcome.version });
      return { done: true, message: `Approved ${label}: ${outcome.remaining} more approver${outcome.remaining === 1 ? "" : "s"} needed.` };
    case "approved":
      await afterTransition(services, { requestId: row.id, to: outcome.to, version: outcome.version });
      return { done: true, message: `Approved ${label}.` };
    case "denied":
      await afterTransition(services, { requestId: row.id, to: "denied", version: outcome.version });
      return { done: true, message: `Rejected ${label}.` };
  }
}
