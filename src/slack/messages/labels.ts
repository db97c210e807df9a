import type { RequestState } from "../../domain/request-state";
import { codeKey, type Words } from "../../presentation/index";
import { escapeMrkdwn } from "../format";

export { initiatorLabel, kindLabel, platformLabel, reasonLabel } from "../../presentation/index";

/** Where a request stands, as a channel reads it: "waiting for approval", "done". */
export function stateLabel(words: Words, state: RequestState): string {
  return words.t(codeKey("channel.state", state));
}

/** A Slack user as a mention; anything else (an intake source, a CLI user) as plain, escaped text. */
export function mention(id: string): string {
  return /^[UW][A-Z0-9]+$/.test(id) ? `<@${id}>` : escapeMrkdwn(id);
}

/** A user as a mention, a channel as a link to it. */
export function mentionTarget(id: string): string {
  return /^[CG]/.test(id) ? `<#${id}>` : mention(id);
}
