import { IDS } from "./ids";
import { requestIdOf } from "./listeners/actions/tell-clicker";

export interface SlackLogContext {
  slackType?: string;
  slackUser?: string;
  /** The request the Slack payload is about, when it names one (an approval button, the reject modal). */
  requestId?: number;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function requestIdInMetadata(raw: unknown): number | null {
  if (typeof raw !== "string") return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    return isRecord(parsed) ? requestIdOf(typeof parsed.requestId === "number" ? String(parsed.requestId) : undefined) : null;
  } catch {
    return null;
  }
}

/**
 * What a log line about a Slack payload should carry: its type, who sent it and, when it is about a
 * request, the request id. Reads any body without throwing: it is used on error paths too. Never
 * the payload's text (a note, a reason), which may quote a customer.
 */
export function slackLogContext(body: unknown): SlackLogContext {
  if (!isRecord(body)) return {};
  const type = typeof body.type === "string" ? body.type : typeof body.command === "string" ? "slash_command" : undefined;
  const user = isRecord(body.user) && typeof body.user.id === "string" ? body.user.id : typeof body.user_id === "string" ? body.user_id : undefined;
  let requestId: number | null = null;
  if (Array.isArray(body.actions)) {
    const action: unknown = body.actions[0];
    if (isRecord(action) && (action.action_id === IDS.actions.approve || action.action_id === IDS.actions.reject)) {
      requestId = requestIdOf(typeof action.value === "string" ? action.value : undefined);
    }
  }
  if (isRecord(body.view) && body.view.callback_id === IDS.views.rejectModal) requestId = requestIdInMetadata(body.view.private_metadata);
  return { ...(type ? { slackType: type } : {}), ...(user ? { slackUser: user } : {}), ...(requestId !== null ? { requestId } : {}) };
}
