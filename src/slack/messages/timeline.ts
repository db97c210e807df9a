import type { KnownBlock } from "@slack/types";
import { escapeMrkdwn, requestLabel, slackDate } from "../format";
import type { RequestMessageInput } from "./request-message";
import { STATE_LABELS } from "./request-message";
import { threadReplyFor, type AuditEventInput } from "./thread-reply";

export interface TimelineEvent extends AuditEventInput {
  at: Date;
  fromState: string | null;
}

const who = (e: AuditEventInput) => (e.actorType === "user" ? `<@${e.actor}>` : e.actorType === "intake" ? `intake ${escapeMrkdwn(e.actor)}` : "Refund Desk");

/** One line per audit row: when, who, what, and the move between states. */
export function timelineLine(event: TimelineEvent): string {
  const move = event.toState && event.fromState !== event.toState ? ` (${event.fromState ?? "new"} → ${event.toState})` : "";
  const detail = event.detail as Record<string, unknown> | null;
  const told =
    event.action === "filed"
      ? `filed it${detail?.origin ? ` from ${String(detail.origin)}` : ""}`
      : event.action === "decided"
        ? `decided: ${String(detail?.outcome)} by rules ${((detail?.ruleIds as string[]) ?? []).join(", ")}`
        : event.action === "approval_refused"
          ? `tried to decide it and was refused (${String(detail?.why).replaceAll("_", " ")})`
          : (threadReplyFor(event) ?? event.action.replaceAll("_", " "));
  return `${slackDate(event.at)} · ${who(event)} · ${told}${move}`;
}

/** `/refund status`: a request and its whole timeline, from the audit trail. */
export function buildTimeline(request: RequestMessageInput, events: TimelineEvent[]): { text: string; blocks: KnownBlock[] } {
  const title = `*${requestLabel(request.id)}* · ${escapeMrkdwn(request.orderId)} · now ${STATE_LABELS[request.state]}`;
  const lines = events.map(timelineLine);
  // A section holds at most 3,000 characters: keep the newest lines when a timeline is long.
  let body = lines.join("\n");
  while (body.length > 2_900 && lines.length > 1) {
    lines.shift();
    body = `…\n${lines.join("\n")}`;
  }
  return { text: `${requestLabel(request.id)}: ${STATE_LABELS[request.state]}`, blocks: [{ type: "section", text: { type: "mrkdwn", text: title } }, { type: "section", text: { type: "mrkdwn", text: body } }] };
}
