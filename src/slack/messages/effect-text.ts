import type { EffectKind, EffectStatus, EffectVia } from "../../domain/execution-plan";
import { codeKey, type Words } from "../../presentation/index";
import { escapeMrkdwn } from "../format";
import { mention } from "./labels";

/** One effect as the request message shows it. */
export interface EffectLine {
  kind: EffectKind;
  provider: string;
  via: EffectVia;
  status: EffectStatus;
  amount?: number;
  points?: number;
  coupons?: number;
  locale?: string;
  /** Kept in the local outbox for a person to send (the platform's API cannot message buyers). */
  outbox?: boolean;
  errorCode?: string;
  /** Who marked a manual refund done. */
  by?: string;
}

/** What the execution of a request shows in its message: each effect, and the failure or the manual task. */
export interface ExecutionView {
  effects: EffectLine[];
  /** The last `execution_failed` (shown while the request is failed). */
  failure?: { effect: string; provider: string; code: string; message: string };
  /** The last `manual_task_created` (shown while the request waits for a manual refund). */
  manualTask?: { amount: number; currency: string; feeBearer: string; why: string };
}

/** "LINE Pay", "the local store"; a provider the catalog does not name, as its code. */
export function providerLabel(words: Words, provider: string): string {
  return words.t("execution.provider", { provider: provider.replaceAll("-", "_"), name: escapeMrkdwn(provider) });
}

/** "300 points and 1 coupon", or "nothing". */
function restored(words: Words, line: EffectLine): string {
  const parts = [line.points ? words.t("execution.effect.points", { count: line.points }) : "", line.coupons ? words.t("execution.effect.coupons", { count: line.coupons }) : ""].filter(Boolean);
  return parts.length ? words.list(parts) : words.t("execution.effect.nothing");
}

/** What the effect did, or is to do, before its mark. */
function effectWords(words: Words, line: EffectLine, currency: string): string {
  const provider = providerLabel(words, line.provider);
  const at = line.via === "included" ? words.t("execution.effect.by", { provider }) : words.t("execution.effect.at", { provider });
  const done = line.status === "done";
  const amount = line.amount !== undefined ? words.money(line.amount, currency) : "";
  const step = done ? "done" : "todo";
  switch (line.kind) {
    case "q5_notice":
      return done && line.locale ? words.t("execution.effect.q5_notice.doneIn", { locale: escapeMrkdwn(line.locale) }) : words.t(codeKey("execution.effect.q5_notice", step));
    case "cancel":
    case "accept_return":
      return words.t(codeKey(codeKey("execution.effect", line.kind), step), { at });
    case "refund":
      if (line.via === "manual") return done && line.by ? words.t("execution.effect.refund.byHandDoneBy", { amount, by: mention(line.by) }) : words.t(codeKey("execution.effect.refund.byHand", step), { amount });
      return words.t(codeKey("execution.effect.refund", step), { amount, at });
    case "restore":
      return words.t(codeKey("execution.effect.restore", step), { what: restored(words, line), at: line.via === "included" ? at : "" }).trim();
    case "flag_customer":
      return words.t(codeKey("execution.effect.flag_customer", step), { at: line.via === "included" ? at : "" }).trim();
    case "customer_notice": {
      if (line.outbox) return done && line.locale ? words.t("execution.effect.customer_notice.outbox.doneIn", { locale: escapeMrkdwn(line.locale) }) : words.t(codeKey("execution.effect.customer_notice.outbox", step));
      const told = words.t(codeKey("execution.effect.customer_notice.told", step), { at: line.via === "included" ? at : "" }).trim();
      return done && line.locale ? `${told} (${escapeMrkdwn(line.locale)})` : told;
    }
  }
}

const MARKS: Record<EffectStatus, string> = { done: "✓", started: "…", failed: "✗", manual: "✋", pending: "◦" };

/** "cancelled at Cyberbiz ✓", "refunded NT$1,200 at LINE Pay ✓", "100 points restored ✓" … */
export function effectText(words: Words, line: EffectLine, currency: string): string {
  if (line.kind === "refund" && line.status === "manual") return `${words.t("execution.effect.refund.manual", { amount: line.amount !== undefined ? words.money(line.amount, currency) : "" })} ${MARKS.manual}`;
  const text = `${effectWords(words, line, currency)} ${MARKS[line.status]}`;
  return line.status === "failed" && line.errorCode ? `${text} (${escapeMrkdwn(line.errorCode)})` : text;
}

export function effectsSummary(words: Words, view: ExecutionView | undefined, currency: string): string | undefined {
  if (!view || view.effects.length === 0) return undefined;
  return view.effects.map((line) => effectText(words, line, currency)).join(" · ");
}
