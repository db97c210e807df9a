import type { Services } from "../app/services";
import { wordsFor, type Words } from "../presentation/words";
import type { Approval } from "../use-cases/ports/store";
import { giveVerdict, type Refusal, type VerdictOutcome } from "../use-cases/give-verdict";
import type { Verdict } from "../use-cases/ports/store";
import { requestLabel, slackDate } from "./format";
import { stateLabel } from "./messages/labels";

/** What the one who clicked is told, and whether the click took effect. */
export type VerdictResult = { done: boolean; message: string };

function alreadyDecided(words: Words, request: string, outcome: Extract<VerdictOutcome, { kind: "not_pending" }>): string {
  const { answers, state } = outcome;
  const rejection = answers.find((a: Approval) => a.verdict === "reject");
  if (rejection) return words.t("replies.verdict.already_rejected", { request, by: `<@${rejection.approverId}>`, at: slackDate(rejection.at) });
  const approvals = answers.filter((a: Approval) => a.verdict === "approve");
  const now = stateLabel(words, state);
  if (approvals.length) return words.t("replies.verdict.already_approved", { request, by: words.list(approvals.map((a) => `<@${a.approverId}>`)), at: slackDate(approvals.at(-1)!.at), state: now });
  return words.t("replies.verdict.not_waiting", { request, state: now });
}

function refusalWords(words: Words, request: string, why: Refusal): string {
  return words.t(why === "not_an_approver" ? "replies.verdict.not_an_approver" : "replies.verdict.own_request", { request });
}

/** The words for a verdict's outcome, as the clicker reads them. */
export function verdictReply(words: Words, outcome: VerdictOutcome): VerdictResult {
  const request = requestLabel(outcome.requestId);
  switch (outcome.kind) {
    case "unknown_request":
      return { done: false, message: words.t("replies.verdict.unknown_request", { request }) };
    case "refused":
      return { done: false, message: refusalWords(words, request, outcome.why) };
    case "not_pending":
      return { done: false, message: alreadyDecided(words, request, outcome) };
    case "duplicate":
      return { done: false, message: words.t("replies.verdict.duplicate", { verdict: outcome.answer.verdict, request, at: slackDate(outcome.answer.at) }) };
    case "recorded":
      return { done: true, message: words.t("replies.verdict.recorded", { request, remaining: outcome.remaining }) };
    case "approved":
      return { done: true, message: words.t("replies.verdict.approved", { request }) };
    case "denied":
      return { done: true, message: words.t("replies.verdict.rejected", { request }) };
  }
}

/** Approve or Reject clicked: the use case, then its outcome in the clicker's words (the team's when not given). */
export async function giveVerdictAndReply(
  services: Services,
  input: { requestId: number; userId: string; verdict: Verdict; reason?: string },
  words: Words = wordsFor(services.userLocales.teamLocale),
): Promise<VerdictResult> {
  return verdictReply(words, await giveVerdict(services, input));
}

/** Why this user may not decide the request, in words. */
export function refusalReply(words: Words, requestId: number, why: Refusal): string {
  return refusalWords(words, requestLabel(requestId), why);
}
