import type { Services } from "../../../app/services";
import type { ListenerApp } from "../listener-registry";
import { answerInTime } from "../answer-in-time";
import { requestCommandListener } from "./request-command";

/** The bot's slash commands: one listener for both. */
export function registerCommands(app: ListenerApp, services: Services): void {
  const inTime = answerInTime(services.log);
  const requestCommand = inTime(requestCommandListener(services));
  app.command("/refund", requestCommand);
  app.command("/cancel", requestCommand);
}
