import { z } from "zod";
import { issueWords, problemLine, settingProblems, type SettingProblem } from "../setting-problems";

export type Env = Record<string, string | undefined>;

/** A provider's variables are present but wrong: one problem per variable, never the values themselves. */
export class ProviderConfigError extends Error {
  /** One line per problem: the variable, then what is wrong. */
  readonly problems: string[];

  constructor(
    readonly provider: string,
    readonly settings: readonly SettingProblem[],
  ) {
    const problems = settings.map((problem) => problemLine(problem));
    super(`${provider} configuration: ${problems.join("; ")}`);
    this.name = "ProviderConfigError";
    this.problems = problems;
  }
}

/** An empty variable (FOO= in .env) means "not set", as in src/config/env.ts. */
export function presentOnly(env: Env, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) out[name] = value;
  }
  return out;
}

export const httpUrl = (example: string) =>
  z
    .string()
    .refine(
      (value) => {
        try {
          const { protocol } = new URL(value);
          return protocol === "http:" || protocol === "https:";
        } catch {
          return false;
        }
      },
      { error: `expected a URL such as ${example}` },
    )
    .transform((value) => value.replace(/\/+$/, ""));

export const timeoutMs = (min: number, fallback: number) =>
  z.coerce.number({ error: "expected milliseconds" }).int().min(min, { error: `expected at least ${min} ms` }).default(fallback);

/** Parses with the schema, or throws a ProviderConfigError naming each bad variable (not its value). */
export function parseProviderEnv<T extends z.ZodType>(provider: string, schema: T, values: Record<string, string>): z.infer<T> {
  const parsed = schema.safeParse(values, { error: issueWords });
  if (parsed.success) return parsed.data;
  throw new ProviderConfigError(provider, settingProblems(parsed.error.issues));
}
