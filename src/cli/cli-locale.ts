import { Option } from "commander";
import { LOCALES, isLocale, matchLocale, wordsFor, type Words } from "../presentation/index";

/** `--locale`: the language of what a command prints for people; JSON codes and CSV columns stay English. */
export function localeOption(): Option {
  return new Option("--locale <locale>", `the language to print in: ${LOCALES.join(", ")} (default: from LANG, else en)`);
}

/** The terminal's language as POSIX orders its variables: LC_ALL, then LC_MESSAGES, then LANG. */
export function environmentLocaleTag(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== "");
}

export type ChosenWords = { readonly ok: true; readonly words: Words } | { readonly ok: false; readonly problem: string };

/**
 * The words for `--locale` (one of the four, any case), or for the terminal's language when it is
 * absent. An unknown value is a problem worded in the terminal's language, naming the four.
 */
export function chooseWords(option: string | undefined, environmentTag: string | undefined): ChosenWords {
  const fallback = wordsFor(matchLocale(environmentTag));
  if (option === undefined) return { ok: true, words: fallback };
  const locale = LOCALES.find((candidate) => candidate.toLowerCase() === option.trim().toLowerCase());
  if (locale !== undefined && isLocale(locale)) return { ok: true, words: wordsFor(locale) };
  return { ok: false, problem: fallback.t("cli.locale.unknown", { locales: LOCALES.join(", "), value: option }) };
}
