import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } from "@slack/web-api";

export type SlackFailure =
  | { kind: "rate_limited"; retryAfterMs: number }
  /** Retrying cannot help (e.g. channel_not_found, invalid_auth): stop and report. */
  | { kind: "permanent"; error: string }
  /** Slack had a bad moment (5xx, network): retry later. */
  | { kind: "transient"; error: string };

/** Slack errors that a retry cannot fix. Everything else is tried again. */
const PERMANENT = new Set([
  "channel_not_found", "not_in_channel", "is_archived", "invalid_auth", "account_inactive", "token_revoked", "no_permission",
  "missing_scope", "not_authed", "invalid_blocks", "invalid_blocks_format", "msg_too_long", "message_not_found",
  "cant_update_message", "user_not_found", "user_not_in_channel", "restricted_action", "invalid_arguments",
]);

/** Whether Slack's `error` code (of an `ok: false` answer) is worth retrying. */
export function platformErrorKind(code: string): "permanent" | "transient" {
  return PERMANENT.has(code) ? "permanent" : "transient";
}

export function classifySlackError(error: unknown): SlackFailure {
  if (error instanceof WebAPIRateLimitedError) return { kind: "rate_limited", retryAfterMs: Math.max(1, error.retryAfter) * 1000 };
  if (error instanceof WebAPIPlatformError) {
    const code = error.data.error;
    return { kind: platformErrorKind(code), error: code };
  }
  if (error instanceof WebAPIHTTPError) {
    if (error.statusCode === 429) {
      // Retry-After may be a date, or absent: wait a second then.
      const seconds = Number(error.headers["retry-after"]);
      return { kind: "rate_limited", retryAfterMs: (Number.isFinite(seconds) ? Math.max(1, seconds) : 1) * 1000 };
    }
    return error.statusCode >= 500 ? { kind: "transient", error: `http_${error.statusCode}` } : { kind: "permanent", error: `http_${error.statusCode}` };
  }
  if (error instanceof WebAPIRequestError) return { kind: "transient", error: error.original.message };
  return { kind: "transient", error: error instanceof Error ? error.message : String(error) };
}
