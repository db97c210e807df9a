import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { refundableRemainder } from "../../../domain/order";
import { ChannelMembers } from "../../channel-members";
import { PLATFORM_LABELS, policyText } from "../../format";
import { parseCommandText, usageLine, type CommandName } from "../../parse-command-text";
import { buildRequestModal, defaultInitiator, defaultKind } from "../../views/request-modal";
import { bulkCsvSubcommand, bulkIdsSubcommand } from "./subcommands/bulk";
import { intakeList } from "./subcommands/intake-list";
import { reportSubcommand } from "./subcommands/report";
import { statusSubcommand } from "./subcommands/status";

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

export const HELP_TEXT = [
  "*Refund Desk* files cancellations and refunds, checks them against the platform's rules and asks an approver.",
  "• `/refund ORDER_ID`: refund an order (partial refunds allowed on Cyberbiz/LINE Pay)",
  "• `/cancel ORDER_ID`: cancel an order (one that can no longer be cancelled: the modal says why and offers a refund or a return)",
  "• `/cancel ID1 ID2 …` (up to 500, spaces, commas or new lines), or `/cancel bulk` for a CSV: many orders at once, one request each (`/refund` alike)",
  "• `/refund status RD-12`: a request's timeline",
  "• `/refund policy`: the rules, per platform",
  "• `/refund report [FROM [TO]]`: the CSV report, for approvers",
  "• `/refund intake`: the latest requests from the intake webhook, for approvers",
].join("\n");

/**
 * `/refund …` and `/cancel …`. Answers Slack at once; the order lookup and the modal follow within
 * the trigger's 3 seconds.
 */
export function requestCommandListener(services: Services) {
  // Who may read a request's timeline: members of the requests channel see every request there anyway.
  const requestsChannel = new ChannelMembers(services.config.channels.requests, services.slack);
  return async (args: CommandArgs): Promise<void> => {
    const { command, ack, respond, client } = args;
    const name: CommandName = command.command === "/cancel" ? "cancel" : "refund";
    const parsed = parseCommandText(name, command.text ?? "");
    const ephemeral = (text: string) => ({ response_type: "ephemeral" as const, text });
    switch (parsed.type) {
      case "usage":
        return ack(ephemeral(usageLine(name)));
      case "help":
        return ack(ephemeral(HELP_TEXT));
      case "invalid":
        return ack(ephemeral(`${parsed.message}\n${usageLine(name)}`));
      case "policy":
        return ack(ephemeral(policyText(parsed.platform)));
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
      await respond(ephemeral(`:mag: No order \`${ref.orderId}\`${ref.platform ? ` on ${PLATFORM_LABELS[ref.platform]}` : ""} in the order store. Check the id, or import the order first.`));
      return;
    }
    if (matches.length > 1) {
      const choices = matches.map((o) => `\`${o.platform}:${o.orderId}\``).join(" or ");
      await respond(ephemeral(`Order \`${ref.orderId}\` exists on several platforms: use ${choices}.`));
      return;
    }
    const order = matches[0]!;
    // Open on the side that can file something: the usual one first.
    const preferred = defaultInitiator(order);
    const initiator = defaultKind(order, name, preferred) ? preferred : preferred === "store" ? "customer" : "store";
    const kind = defaultKind(order, name, initiator);
    if (!kind) {
      const why = order.pending > 0 && refundableRemainder(order) === 0 ? "nothing is left to refund, its open requests hold the rest (`/refund status " + order.orderId + "`)" : `it is ${order.status}`;
      await respond(ephemeral(`No cancellation, refund or return can be filed for order \`${order.orderId}\`: ${why}.`));
      return;
    }
    await client.views.open({ trigger_id: command.trigger_id, view: buildRequestModal({ order, command: name, channelId: command.channel_id, initiator, kind }) });
  };
}
