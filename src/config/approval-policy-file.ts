import { existsSync, readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { approvalPolicyFileSchema, type ApprovalPolicyFile } from "../domain/approval-policy";
import { settingHint } from "./setting-hints";
import { issueWords, problemLine, settingProblems } from "./setting-problems";

const POLICY_FILE_HINT = "refund-desk.config.example.yaml shows every field";

export const POLICY_FILE_NAMES = ["refund-desk.config.yaml", "refund-desk.config.yml", "refund-desk.config.json"];

export type PolicyFileResult = { ok: true; file: ApprovalPolicyFile | null; path?: string } | { ok: false; problems: string[] };

/** Which file holds the team's approval policy: REFUND_DESK_CONFIG, else the first default name in `cwd`. */
export function findPolicyFile(explicit: string | undefined, cwd = process.cwd()): { path: string; explicit: boolean } | null {
  if (explicit) return { path: explicit, explicit: true };
  const found = POLICY_FILE_NAMES.map((name) => `${cwd}/${name}`).find((path) => existsSync(path));
  return found ? { path: found, explicit: false } : null;
}

/** Parses a policy file's text (YAML, or JSON, which YAML reads too); every problem is one line naming the field. */
export function parsePolicyFile(path: string, text: string): PolicyFileResult {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    return { ok: false, problems: [`${path}: not valid ${path.endsWith(".json") ? "JSON" : "YAML"}: ${(error as Error).message.split("\n")[0]}`] };
  }
  const parsed = approvalPolicyFileSchema.safeParse(raw ?? {}, { error: issueWords });
  if (!parsed.success) return { ok: false, problems: settingProblems(parsed.error.issues).map((problem) => `${path}: ${problemLine(problem, POLICY_FILE_HINT)}`) };
  return { ok: true, file: parsed.data, path };
}

export function readPolicyFile(explicit: string | undefined, cwd = process.cwd()): PolicyFileResult {
  const found = findPolicyFile(explicit, cwd);
  if (!found) return { ok: true, file: null };
  if (!existsSync(found.path)) return { ok: false, problems: [problemLine({ setting: "REFUND_DESK_CONFIG", words: `no file at ${found.path}` }, settingHint("REFUND_DESK_CONFIG"))] };
  return parsePolicyFile(found.path, readFileSync(found.path, "utf8"));
}
