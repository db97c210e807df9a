import { readFile } from "node:fs/promises";
import { Command } from "commander";
import { evaluate } from "../../domain/policy";
import { describeDecision, explainDecision } from "../../presentation/index";
import { chooseWords, environmentLocaleTag, localeOption } from "../cli-locale";
import { parseCombinedInput, parseSeparateInputs, type Parsed, type CheckInput } from "./policy-check-input";

/** Exit codes: a decision of any outcome is a successful check; bad input is a usage error. */
export const EXIT_DECIDED = 0;
export const EXIT_INVALID_INPUT = 2;

export interface CheckOptions {
  readonly order?: string;
  readonly request?: string;
  readonly explain?: boolean;
  readonly locale?: string;
}

/** Where the check reads from; the command passes the real file system and stdin, tests pass strings. */
export interface CheckSources {
  readonly readFile: (path: string) => Promise<string>;
  readonly readStdin: () => Promise<string>;
  /** The terminal's language tag (LANG), the default of `--locale`. */
  readonly environmentLocale?: string;
}

export interface CheckResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `refund-desk policy check`: decide one request against one order snapshot, with no side effect. */
export function policyCheckCommand(): Command {
  return new Command("check")
    .description("Decide one request against one order snapshot, without side effects; prints the decision as JSON")
    .argument("[input]", `"-" to read one JSON object {"order": …, "request": …} from stdin`)
    .option("--order <file>", "the order snapshot, a JSON file")
    .option("--request <file>", "the request, a JSON file")
    .option("--explain", "print the explanation and the cited rules as text instead of JSON")
    .addOption(localeOption())
    .addHelpText("after", "\nExit status: 0 for any decision (allow, manual, wait, reject), 2 for invalid input.")
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : EXIT_INVALID_INPUT))
    .action(async (input: string | undefined, options: CheckOptions) => {
      const result = await runPolicyCheck(input, options, { readFile: (path) => readFile(path, "utf8"), readStdin, environmentLocale: environmentLocaleTag() });
      process.stdout.write(result.stdout);
      process.stderr.write(result.stderr);
      process.exitCode = result.exitCode;
    });
}

export async function runPolicyCheck(input: string | undefined, options: CheckOptions, sources: CheckSources): Promise<CheckResult> {
  const chosen = chooseWords(options.locale, sources.environmentLocale);
  if (!chosen.ok) return { exitCode: EXIT_INVALID_INPUT, stdout: "", stderr: `${chosen.problem}\n` };
  const { words } = chosen;
  const parsed = await readInput(input, options, sources);
  if (!parsed.ok) return { exitCode: EXIT_INVALID_INPUT, stdout: "", stderr: parsed.problems.map((problem) => `${problem}\n`).join("") };
  const { order, request } = parsed.value;
  const decision = evaluate(order, request);
  // JSON keeps the engine's codes; only the explanation is for a person, so it is the sentence in their language.
  const stdout = options.explain ? describeDecision(words, decision, order.currency) : JSON.stringify({ ...decision, explanation: explainDecision(words, decision) }, null, 2);
  return { exitCode: EXIT_DECIDED, stdout: `${stdout}\n`, stderr: "" };
}

async function readInput(input: string | undefined, options: CheckOptions, sources: CheckSources): Promise<Parsed<CheckInput>> {
  if (input !== undefined && input !== "-") {
    return invalid(`input: expected "-" to read {"order": …, "request": …} from stdin, got "${input}"; for files use --order and --request`);
  }
  if (input === "-") {
    const conflicts = (["order", "request"] as const).filter((name) => options[name] !== undefined);
    if (conflicts.length > 0) return invalid(...conflicts.map((name) => `--${name}: not allowed with "-", which reads the ${name} from stdin`));
    return parseCombinedInput(await sources.readStdin());
  }
  const missing = (["order", "request"] as const).filter((name) => options[name] === undefined);
  if (missing.length > 0) return invalid(...missing.map((name) => `--${name}: missing; expected a JSON file with the ${name} (or "-" to read both from stdin)`));

  const [orderText, requestText] = await Promise.all([read("order", options.order, sources), read("request", options.request, sources)]);
  const unreadable = [orderText, requestText].flatMap((text) => (text.ok ? [] : text.problems));
  if (!orderText.ok || !requestText.ok) return { ok: false, problems: unreadable };
  return parseSeparateInputs(orderText.value, requestText.value);
}

async function read(name: "order" | "request", path: string | undefined, sources: CheckSources): Promise<Parsed<string>> {
  try {
    return { ok: true, value: await sources.readFile(path ?? "") };
  } catch (error) {
    return invalid(`${name}: cannot read "${path}" (${error instanceof Error ? error.message : String(error)})`);
  }
}

function invalid(...problems: string[]): { ok: false; problems: string[] } {
  return { ok: false, problems };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString("utf8");
}
