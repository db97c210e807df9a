import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { refundableRemainder } from "../../../domain/order";
import type { Words } from "../../../presentation/words";
import { ChannelMembers } from "../../channel-members";
import { parseCommandText, type CommandName } from "../../parse-command-text";
import { platformLabel, policySummary, statusLabel } from "../../../presentation/index";
import { buildRequestModal, defaultInitiator, defaultKind } from "../../views/request-modal";
import { wordsIn } from "../their-words";
import { commandProblemText } from "./command-problem";
import { bulkCsvSubcommand, bulkIdsSubcommand } from "./subcommands/bulk";
import { intakeList } from "./subcommands/intake-list";
import { reportSubcommand } from "./subcommands/report";
import { statusSubcommand } from "./subcommands/status";

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** `/refund help`, in the reader's words. */
export function helpText(words: Words): string {
  return (["intro", "refund", "cancel", "bulk", "status", "policy", "report", "intake"] as const).map((line) => words.t(`replies.help.${line}`)).join("\n");
}

const usageLine = (words: Words, command: CommandName) => words.t(command === "refund" ? "replies.usage.refund" : "replies.usage.cancel");

/**
 * `/refund …` and `/cancel …`. Answers Slack at once; the order lookup and the modal follow within
 * the trigger's 3 seconds.
 */
export function requestCommandListener(services: Services) {
  // Who may read a request's timeline: members of the requests channel see every request there anyway.
  const requestsChannel = new ChannelMembers(services.config.channels.requests, services.slack);
  return async (args: CommandArgs): Promise<void> => {
    const { command, ack, respond, client } = args;
    const words = wordsIn(args.context);
    const name: CommandName = command.command === "/cancel" ? "cancel" : "refund";
    const parsed = parseCommandText(name, command.text ?? "");
    const ephemeral = (text: string) => ({ response_type: "ephemeral" as const, text });
    switch (parsed.type) {
      case "usage":
        return ack(ephemeral(usageLine(words, name)));
      case "help":
        return ack(ephemeral(helpText(words)));
      case "invalid":
        return ack(ephemeral(`${commandProblemText(words, name, parsed)}\n${usageLine(words, name)}`));
      case "policy":
        return ack(ephemeral(policySummary(words, parsed.platform)));
      case "status":
        return statusSubcommand(services, requestsChannel, args, parsed.query);
      case "report":
        return reportSubcommand(services, args, parsed);
      case "intake":
        return intakeList(services, args, parsed);
      case "bulk":
        return bulkCsvSubcommand(services, args, { name });
      case "orders":
        if (parsed.refs.length > 1) return bulkIdsSubcommand(services, args, { name, refs: parsed.refs });
        break;
    }
    await ack();
    const [ref] = parsed.refs;
    if (!ref) return;
    const matches = await services.orders.find(ref.orderId, ref.platform);
    if (matches.length === 0) {
      await respond(ephemeral(ref.platform ? words.t("replies.order.not_found_on", { orderId: ref.orderId, platform: platformLabel(words, ref.platform) }) : words.t("replies.order.not_found", { orderId: ref.orderId })));
      return;
    }
    if (matches.length > 1) {
      const choices = words.list(matches.map((o) => `\`${o.platform}:${o.orderId}\``), "disjunction");
      await respond(ephemeral(words.t("replies.order.on_several_platforms", { orderId: ref.orderId, choices })));
      return;
    }
    const order = matches[0]!;
    // Open on the side that can file something: the usual one first.
    const preferred = defaultInitiator(order);
    const initiator = defaultKind(order, name, preferred) ? preferred : preferred === "store" ? "customer" : "store";
    const kind = defaultKind(order, name, initiator);
    if (!kind) {
      const held = order.pending > 0 && refundableRemainder(order) === 0;
      await respond(ephemeral(held ? words.t("replies.order.nothing_can_be_filed_held", { orderId: order.orderId }) : words.t("replies.order.nothing_can_be_filed", { orderId: order.orderId, status: statusLabel(words, order.status) })));
      return;
    }
    await client.views.open({ trigger_id: command.trigger_id, view: buildRequestModal(words, { order, command: name, channelId: command.channel_id, initiator, kind }) });
  };
}
