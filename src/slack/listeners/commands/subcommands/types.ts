import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { Services } from "../../../../app/services";

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** A `/refund <word>` subcommand: it acks (within Slack's 3 s) and answers, usually privately. */
export type Subcommand<P> = (services: Services, args: CommandArgs, parsed: P) => Promise<void>;

export const ephemeral = (text: string) => ({ response_type: "ephemeral" as const, text });
