import type { Words } from "../../presentation/index";
import { escapeMrkdwn } from "../format";
import { mention, mentionTarget } from "./labels";

/** A batch event, as the batch's thread tells it; null when it is not told there. */
export function batchEventReply(words: Words, event: { action: string; actor: string; detail: unknown }): string | null {
  const d = (event.detail ?? {}) as Record<string, unknown>;
  const n = (key: string) => (typeof d[key] === "number" ? (d[key] as number) : 0);
  const actor = mention(event.actor);
  switch (event.action) {
    case "approved_all": {
      const parts = [n("settled") ? words.t("batch.reply.settled", { count: n("settled") }) : "", n("needMore") ? words.t("batch.reply.needMore", { count: n("needMore") }) : ""].filter(Boolean);
      return words.t("batch.reply.approvedAll", { actor, outcome: parts.length ? words.list(parts) : words.t("batch.reply.nothingLeft") });
    }
    case "rejected_all":
      return words.t("batch.reply.rejectedAll", { actor, count: n("settled"), reason: escapeMrkdwn(String(d.reason ?? "")) });
    case "reminder_sent": {
      const to = Array.isArray(d.to) ? (d.to as string[]) : [];
      return to.length ? words.t("batch.reply.reminded", { count: n("pending"), to: words.list(to.map(mention)) }) : words.t("batch.reply.remindedApprovers", { count: n("pending") });
    }
    case "escalated":
      return words.t("channel.reply.escalated", { to: mentionTarget(String(d.to)) });
    case "expired":
      return words.t("batch.reply.expired", { count: n("count") });
    default:
      return null;
  }
}
