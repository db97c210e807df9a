import type { RequestListener } from "node:http";
import { sendJson } from "../http/routes";

/** Slack's rule: a request more than 5 minutes from our clock, either way, is refused. */
const WINDOW_SECONDS = 5 * 60;

/**
 * In front of Bolt's receiver: refuses a Slack request whose timestamp is missing, malformed, or
 * more than 5 minutes from our clock *in either direction*. Bolt checks only the past, so a
 * request signed with a future timestamp would stay replayable until that time comes. The
 * signature itself is Bolt's to check.
 */
export function slackTimestampGuard(listener: RequestListener, now: () => Date = () => new Date()): RequestListener {
  return (req, res) => {
    const header = req.headers["x-slack-request-timestamp"];
    const timestamp = typeof header === "string" && /^\d{1,12}$/.test(header) ? Number(header) : NaN;
    // Slack's SSL check (`ssl_check=1`) is unsigned and carries no timestamp: Bolt answers it and nothing else.
    const path = (req.url ?? "").split("?")[0];
    if (req.method === "POST" && path === "/slack/events" && header !== undefined && !(Math.abs(Math.floor(now().getTime() / 1000) - timestamp) <= WINDOW_SECONDS)) {
      // The body is not read: close the connection after this answer.
      sendJson(res, 401, { error: "unauthorized" }, { connection: "close" });
      return;
    }
    return listener(req, res);
  };
}
