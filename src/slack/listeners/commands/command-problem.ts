import type { Words } from "../../../presentation/words";
import type { CommandName, CommandProblem } from "../../parse-command-text";

/** The bad order ids a reply names before it says how many more there are. */
const SHOWN_IDS = 5;

/** What is wrong with a `/refund` or `/cancel` text, in the reader's words. */
export function commandProblemText(words: Words, command: CommandName, problem: CommandProblem): string {
  switch (problem.problem) {
    case "policy_argument":
      return words.t("replies.invalid.policy");
    case "status_argument":
      return words.t("replies.invalid.status");
    case "report_arguments":
      return words.t("replies.invalid.report");
    case "intake_argument":
      return words.t("replies.invalid.intake");
    case "too_many_orders":
      return words.t("replies.invalid.too_many", { max: words.number(problem.max), count: words.number(problem.count), command });
    case "bad_order_ids": {
      const lines = problem.ids
        .slice(0, SHOWN_IDS)
        .map((id) => (id.problem === "unknown_platform" ? words.t("replies.invalid.unknown_platform", { token: id.token, prefix: id.prefix }) : words.t("replies.invalid.not_an_order_id", { token: id.token })));
      if (problem.ids.length > SHOWN_IDS) lines.push(words.t("replies.invalid.more", { count: words.number(problem.ids.length - SHOWN_IDS) }));
      return lines.join("\n");
    }
  }
}
