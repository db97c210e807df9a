import type { KnownBlock } from "@slack/types";
import { requestStateSchema } from "../../domain/request-state";
import type { Words } from "../../presentation/index";
import { escapeMrkdwn, requestLabel, slackDate } from "../format";
import { stateLabel } from "./labels";
import type { RequestMessageInput } from "./request-message";
import { threadReplyFor, type AuditEventInput } from "./thread-reply";

export interface TimelineEvent extends AuditEventInput {
  at: Date;
  fromState: string | null;
}

function who(words: Words, e: AuditEventInput): string {
  if (e.actorType === "user") return `<@${e.actor}>`;
  if (e.actorType === "intake") return words.t("channel.timeline.intake", { source: escapeMrkdwn(e.actor) });
  return words.t("channel.timeline.bot");
}

function state(words: Words, code: string | null): string {
  if (code === null) return words.t("channel.timeline.new");
  const parsed = requestStateSchema.safeParse(code);
  return parsed.success ? stateLabel(words, parsed.data) : escapeMrkdwn(code);
}

/** What an audit row did, as the timeline tells it. */
function told(words: Words, event: TimelineEvent): string {
  const detail = (event.detail ?? {}) as Record<string, unknown>;
  switch (event.action) {
    case "filed":
      return detail.origin ? words.t("channel.timeline.filedFrom", { origin: escapeMrkdwn(String(detail.origin)) }) : words.t("channel.timeline.filed");
    case "decided":
      return words.t("channel.timeline.decided", { outcome: String(detail.outcome), rules: ((detail.ruleIds as string[] | undefined) ?? []).join(", ") });
    case "approval_refused":
      return words.t("channel.timeline.refused", { why: String(detail.why) });
    default:
      return threadReplyFor(words, event) ?? words.t("channel.timeline.action", { action: event.action, name: escapeMrkdwn(event.action.replaceAll("_", " ")) });
  }
}

/** One line per audit row: when, who, what, and the move between states. */
export function timelineLine(words: Words, event: TimelineEvent): string {
  const move = event.toState && event.fromState !== event.toState ? ` ${words.t("channel.timeline.move", { from: state(words, event.fromState), to: state(words, event.toState) })}` : "";
  return `${slackDate(event.at)} · ${who(words, event)} · ${told(words, event)}${move}`;
}

/** `/refund status`: a request and its whole timeline, from the audit trail. */
export function buildTimeline(words: Words, request: RequestMessageInput, events: TimelineEvent[]): { text: string; blocks: KnownBlock[] } {
  const now = stateLabel(words, request.state);
  const title = words.t("channel.timeline.title", { request: requestLabel(request.id), orderId: escapeMrkdwn(request.orderId), state: now });
  const lines = events.map((event) => timelineLine(words, event));
  // A section holds at most 3,000 characters: keep the newest lines when a timeline is long.
  let body = lines.join("\n");
  while (body.length > 2_900 && lines.length > 1) {
    lines.shift();
    body = `…\n${lines.join("\n")}`;
  }
  return { text: `${requestLabel(request.id)}: ${now}`, blocks: [{ type: "section", text: { type: "mrkdwn", text: title } }, { type: "section", text: { type: "mrkdwn", text: body } }] };
}
