import { platformSchema } from "../../domain/order";
import { requestStateSchema } from "../../domain/request-state";
import type { IntakeRequestSummary } from "../../db/intake-requests";
import { intakeKeyParts } from "../../domain/intake-key";
import type { Words } from "../../presentation/words";
import { escapeMrkdwn, requestLabel } from "../format";
import { platformLabel, stateLabel } from "./labels";

/** How long ago, as a person says it: "just now", "5 min", "3 h", "2 d". */
export function formatAge(words: Words, ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return words.t("replies.intake.just_now");
  if (minutes < 60) return words.t("replies.intake.minutes_ago", { count: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return words.t("replies.intake.hours_ago", { count: hours });
  return words.t("replies.intake.days_ago", { count: Math.floor(hours / 24) });
}

function line(words: Words, row: IntakeRequestSummary, now: Date): string {
  const key = row.idempotencyKey ? intakeKeyParts(row.idempotencyKey) : null;
  // The sender's id is the sender's text: escaped, so it cannot mention anyone or inject a link.
  const sender = key ? escapeMrkdwn(`${key.source}/${key.externalId}`) : words.t("replies.intake.unknown_sender");
  const platform = platformSchema.safeParse(row.platform);
  const order = `${platform.success ? platformLabel(words, platform.data) : escapeMrkdwn(row.platform)} ${escapeMrkdwn(row.orderId)}`;
  const state = requestStateSchema.safeParse(row.state);
  return `• *${requestLabel(row.id)}* · ${sender} · ${order} · ${state.success ? stateLabel(words, state.data) : escapeMrkdwn(row.state)} · ${formatAge(words, now.getTime() - row.createdAt.getTime())}`;
}

/** `/refund intake`: the latest requests that came in through the webhook, newest first. */
export function buildIntakeList(words: Words, rows: readonly IntakeRequestSummary[], now: Date, intakeOn: boolean): string {
  const off = intakeOn ? "" : `\n${words.t("replies.intake.off")}`;
  if (rows.length === 0) return `${words.t("replies.intake.none")}${off}`;
  return [words.t("replies.intake.title", { count: rows.length }), ...rows.map((row) => line(words, row, now))].join("\n") + off;
}
