import type { Words } from "../../presentation/words";
import type { CsvProblem, CsvProblemKind } from "../parse-bulk-csv";

/** One problem of a bulk CSV, in the reader's words. */
export function csvProblemText(words: Words, p: CsvProblemKind): string {
  switch (p.problem) {
    case "unreadable":
      return words.t("modals.csv.problem.unreadable", { detail: p.detail });
    case "no_order":
      return words.t("modals.csv.problem.no_order");
    case "too_many_orders":
      return words.t("modals.csv.problem.too_many", { max: words.number(p.max), count: words.number(p.count) });
    case "too_many_columns":
      return words.t("modals.csv.problem.too_many_columns", { count: p.count });
    case "missing_id":
      return words.t("modals.csv.problem.missing_id");
    case "unknown_platform":
      return words.t("modals.csv.problem.unknown_platform", { token: p.token, prefix: p.prefix });
    case "not_an_order_id":
      return words.t("modals.csv.problem.not_an_order_id", { token: p.token });
    case "unknown_reason":
      return words.t("modals.csv.problem.unknown_reason", { reason: p.reason, reasons: p.reasons.join(", ") });
    case "bad_amount":
      return words.t("modals.csv.problem.bad_amount", { amount: p.amount });
    case "duplicate":
      // Line numbers as an editor shows them, never grouped.
      return words.t("modals.csv.problem.duplicate", { orderId: p.orderId, first: String(p.firstLine) });
  }
}

/** Worded problems as one text for the modal: the first few, each a sentence, then how many more. */
export function listProblems(words: Words, problems: readonly { line: number; text: string }[], max = 8): string {
  const shown = problems.slice(0, max).map(({ line, text }) =>
    line > 0 ? words.t("modals.csv.on_line", { line: String(line), problem: text }) : words.t("modals.csv.whole", { problem: `${text.charAt(0).toLocaleUpperCase(words.locale)}${text.slice(1)}` }),
  );
  if (problems.length > max) shown.push(words.t("modals.csv.more_problems", { count: problems.length - max }));
  return shown.join(" ");
}

/** A bulk CSV's problems as one text for the modal. */
export function describeProblems(words: Words, problems: readonly CsvProblem[], max = 8): string {
  const shown = problems.slice(0, max).map((p) => ({ line: p.line, text: csvProblemText(words, p) }));
  // Only the shown ones are worded; the rest only count.
  return listProblems(words, [...shown, ...problems.slice(max).map((p) => ({ line: p.line, text: "" }))], max);
}
