import type { Authorize, AuthorizeResult } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";

/**
 * Bolt's built-in single-token authorization either calls auth.test eagerly (and crashes the
 * process on an unhandled rejection when Slack is unreachable at start-up) or on every request.
 * This one calls it once, caches the answer, and forgets a failure so the next request tries again.
 */
export function singleWorkspaceAuthorize(client: WebClient, botToken: string): Authorize<boolean> & { warmUp(): Promise<void> } {
  let cached: Promise<AuthorizeResult> | undefined;
  const authorize = async (): Promise<AuthorizeResult> => {
    cached ??= client.auth.test({ token: botToken }).then((r) => ({
      botToken,
      ...(r.bot_id ? { botId: r.bot_id } : {}),
      ...(r.user_id ? { botUserId: r.user_id } : {}),
      ...(r.team_id ? { teamId: r.team_id } : {}),
    }));
    try {
      return await cached;
    } catch (error) {
      cached = undefined;
      throw error;
    }
  };
  return Object.assign(authorize, { warmUp: async () => void (await authorize()) });
}
