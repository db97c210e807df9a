import type { z } from "zod";

type AnyIssue = z.core.$ZodIssue | z.core.$ZodRawIssue;

const TYPE_WORDS: Record<string, string> = {
  number: "a whole number",
  int: "a whole number",
  string: "text",
  boolean: "true or false",
  object: "a group of fields",
  record: "a group of fields",
  array: "a list",
};

function quantity(origin: string, bound: number | bigint): string {
  if (origin === "string") return `${bound} character${bound === 1 ? "" : "s"}`;
  if (origin === "array" || origin === "set") return `${bound} entr${bound === 1 ? "y" : "ies"}`;
  return String(bound);
}

/**
 * What is wrong with a setting, in Refund Desk's words rather than the validator's, from the
 * issue's code alone: it never repeats the value, which may be a secret.
 */
export function issueWords(issue: AnyIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? "not set" : `expected ${TYPE_WORDS[issue.expected] ?? "a value of another kind"}`;
    case "too_small":
      return issue.exact ? `expected exactly ${quantity(issue.origin, issue.minimum)}` : `expected ${issue.inclusive === false ? "more than" : "at least"} ${quantity(issue.origin, issue.minimum)}`;
    case "too_big":
      return issue.exact ? `expected exactly ${quantity(issue.origin, issue.maximum)}` : `expected ${issue.inclusive === false ? "less than" : "at most"} ${quantity(issue.origin, issue.maximum)}`;
    case "invalid_value":
      return `expected one of ${issue.values.map(String).join(", ")}`;
    case "invalid_format":
      return issue.format === "url" ? "expected a URL" : "not in the expected form";
    case "not_multiple_of":
      return `expected a multiple of ${issue.divisor}`;
    case "unrecognized_keys":
      return `unknown field${issue.keys.length === 1 ? "" : "s"} ${issue.keys.join(", ")}: check the spelling`;
    case "invalid_key":
      return "has a key that is not valid";
    case "invalid_element":
      return "has an entry that is not valid";
    case "invalid_union":
      return "not in any of the accepted forms";
    default:
      return "not a value Refund Desk can use";
  }
}

/** Issues whose words follow from their code and bounds: a message a schema gave them may be about another check. */
const WORDS_FROM_CODE = new Set(["too_small", "too_big", "invalid_value", "unrecognized_keys"]);

/** One problem with one setting: the variable (or file field), which entry of a list, and what is wrong. */
export interface SettingProblem {
  readonly setting: string;
  /** 1-based, for a setting that is a list (REFUND_APPROVERS, INTAKE_SECRET). */
  readonly entry?: number;
  readonly words: string;
}

/**
 * The problems of a failed parse in Refund Desk's words. Parse with `{ error: issueWords }`: an
 * issue without a message of its own then gets ours ("not set" for a missing setting).
 */
export function settingProblems(issues: readonly z.core.$ZodIssue[]): SettingProblem[] {
  return issues.map((issue) => {
    const parts = issue.path.map(String);
    const index = parts.findIndex((part) => /^\d+$/.test(part));
    const setting = (index === -1 ? parts : parts.filter((_, i) => i !== index)).join(".");
    const bound = issue.code === "too_small" || issue.code === "too_big";
    // Durations are named …_MS: their bounds are milliseconds.
    const words = WORDS_FROM_CODE.has(issue.code) ? `${issueWords(issue)}${bound && setting.endsWith("_MS") ? " ms" : ""}` : issue.message;
    return { setting, ...(index !== -1 ? { entry: Number(parts[index]) + 1 } : {}), words };
  });
}

/** A problem as one line: the setting first, then what is wrong, then where to get the right value. */
export function problemLine(problem: SettingProblem, hint?: string): string {
  const where = problem.entry !== undefined ? `${problem.setting} (entry ${problem.entry})` : problem.setting;
  return `${where ? `${where}: ` : ""}${problem.words}${hint ? `. ${hint}.` : ""}`;
}
