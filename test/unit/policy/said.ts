import type { Decision } from "../../../src/domain/decision";
import { explainDecision, wordsFor } from "../../../src/presentation/index";

/** A decision's explanation as an English reader sees it. */
export function said(decision: Pick<Decision, "explanation" | "ruleIds">): string {
  return explainDecision(wordsFor("en"), decision);
}
