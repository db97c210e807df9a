import { platformSchema } from "../../domain/order";
import { requestStateSchema } from "../../domain/request-state";
import type { IntakeRequestSummary } from "../../db/intake-requests";
import { intakeKeyParts } from "../../domain/intake-key";
import { PLATFORM_LABELS, escapeMrkdwn, requestLabel } from "../format";
import { STATE_LABELS } from "./request-message";

/** How long ago, as a person says it: "just now", "5 min", "3 h", "2 d". */
export function formatAge(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} d ago`;
}

function line(row: IntakeRequestSummary, now: Date): string {
  const key = row.idempotencyKey ? intakeKeyParts(row.idempotencyKey) : null;
  // The sender's id is the sender's text: escaped, so it cannot mention anyone or inject a link.
  const sender = key ? escapeMrkdwn(`${key.source}/${key.externalId}`) : "unknown sender";
  const platform = platformSchema.safeParse(row.platform);
  const order = `${platform.success ? PLATFORM_LABELS[platform.data] : escapeMrkdwn(row.platform)} ${escapeMrkdwn(row.orderId)}`;
  const state = requestStateSchema.safeParse(row.state);
  return `• *${requestLabel(row.id)}* · ${sender} · ${order} · ${state.success ? STATE_LABELS[state.data] : escapeMrkdwn(row.state)} · ${formatAge(now.getTime() - row.createdAt.getTime())}`;
}

/** `/refund intake`: the latest requests that came in through the webhook, newest first. */
export function buildIntakeList(rows: readonly IntakeRequestSummary[], now: Date, intakeOn: boolean): string {
  const off = intakeOn ? "" : "\n_The intake webhook is off: INTAKE_SECRET is not set._";
  if (rows.length === 0) return `No request has come in through the intake webhook yet.${off}`;
  const title = `*The last ${rows.length === 1 ? "intake request" : `${rows.length} intake requests`}* (request · source/external id · order · state · age)`;
  return [title, ...rows.map((row) => line(row, now))].join("\n") + off;
}
