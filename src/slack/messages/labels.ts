import type { Decision, Route } from "../../domain/decision";
import type { Platform } from "../../domain/order";
import type { Initiator, Reason, RequestKind } from "../../domain/request";
import type { RequestState } from "../../domain/request-state";
import type { Words } from "../../presentation/index";
import { escapeMrkdwn } from "../format";

/** The platform's own name (catalog common.json). */
export function platformLabel(words: Words, platform: Platform): string {
  return words.t(`common.platform.${platform}`);
}

export function kindLabel(words: Words, kind: RequestKind): string {
  return words.t(`common.kind.${kind}`);
}

export function initiatorLabel(words: Words, initiator: Initiator): string {
  return words.t(`common.initiator.${initiator}`);
}

export function reasonLabel(words: Words, reason: Reason): string {
  return words.t(`common.reason.${reason}`);
}

/** Where a request stands, as a channel reads it: "waiting for approval", "done". */
export function stateLabel(words: Words, state: RequestState): string {
  return words.t(`channel.state.${state}`);
}

/** Who must agree before a decision is executed: the route's code, read as words. */
export function routeName(route: Route): string {
  return route.replace("_", " ");
}

/** A decision's explanation: the sentence the engine stored with it. */
export function explanationText(decision: Pick<Decision, "explanation">): string {
  return decision.explanation;
}

/** A Slack user as a mention; anything else (an intake source, a CLI user) as plain, escaped text. */
export function mention(id: string): string {
  return /^[UW][A-Z0-9]+$/.test(id) ? `<@${id}>` : escapeMrkdwn(id);
}

/** A user as a mention, a channel as a link to it. */
export function mentionTarget(id: string): string {
  return /^[CG]/.test(id) ? `<#${id}>` : mention(id);
}
