import { z } from "zod";

/** The local workspace's own variables (`.env.example` documents them beside the bot's). */
export const localWorkspaceEnvSchema = z.object({
  /** 1: run the local workspace (required with NODE_ENV=production); 0: never. Unset: when no Slack app is configured. */
  LOCAL_WORKSPACE: z.enum(["0", "1"], { error: "expected 0 or 1" }).optional(),
  /** The address the process listens on when it serves the local workspace. */
  LOCAL_WORKSPACE_HOST: z.string().min(1).default("127.0.0.1"),
});

export type SlackChoice = { mode: "slack" } | { mode: "local"; host: string } | { mode: "refuse"; problem: string };

const set = (value: string | undefined) => value !== undefined && value.trim() !== "";

/**
 * Slack or the local workspace, from the environment alone. The local workspace runs only when no
 * Slack credential is set at all, and in production only when asked for explicitly.
 */
export function chooseSlack(env: Record<string, string | undefined>, { explicit = false } = {}): SlackChoice {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => set(v)));
  const parsed = localWorkspaceEnvSchema.safeParse(present);
  if (!parsed.success) return { mode: "refuse", problem: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  const { LOCAL_WORKSPACE: wanted, LOCAL_WORKSPACE_HOST: host } = parsed.data;
  const credentials = set(env.SLACK_BOT_TOKEN) || set(env.SLACK_SIGNING_SECRET);
  if (credentials) {
    if (explicit || wanted === "1") return { mode: "refuse", problem: "Slack credentials are set (SLACK_BOT_TOKEN or SLACK_SIGNING_SECRET): the local workspace never runs beside a Slack app. Unset them to use it." };
    return { mode: "slack" };
  }
  if (wanted === "0" && !explicit) return { mode: "slack" };
  if (env.NODE_ENV === "production" && wanted !== "1") return { mode: "refuse", problem: "no Slack app is configured (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET), and in production the local workspace runs only with LOCAL_WORKSPACE=1." };
  return { mode: "local", host };
}
