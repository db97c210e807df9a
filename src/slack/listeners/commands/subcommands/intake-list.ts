import { buildIntakeList } from "../../../messages/intake-list-message";
import { wordsIn } from "../../their-words";
import { ephemeral, type Subcommand } from "./types";

/** How many intake requests `/refund intake` shows. */
export const INTAKE_LIST_LENGTH = 20;

/**
 * `/refund intake`: the latest requests from the intake webhook, privately, for approvers only
 * (the list names customers' orders and what they asked).
 */
export const intakeList: Subcommand<{ type: "intake" }> = async (services, { ack, command, context }) => {
  const words = wordsIn(context);
  if (!(await services.approvers.isApprover(command.user_id))) {
    await ack(ephemeral(words.t("replies.intake.approvers_only")));
    return;
  }
  const rows = await services.projections.recentIntakeRequests(INTAKE_LIST_LENGTH);
  await ack(ephemeral(buildIntakeList(words, rows, services.now(), services.config.intake.secrets.length > 0)));
};
