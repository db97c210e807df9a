import type { App } from "@slack/bolt";
import type { Services } from "../../app/services";
import { actionRoutes } from "./actions";
import { commandRoutes } from "./commands";
import { answerInTime } from "./answer-in-time";
import { answerUntaken } from "./answer-untaken";
import { dispatchSlack } from "./dispatch-slack";
import { eventRoutes } from "./events";
import { viewRoutes } from "./views";

/** Every Slack surface the bot answers, one folder each, dispatched by one middleware (dispatch-slack.ts), each within Slack's time. */
export function registerListeners(app: App, services: Services): void {
  app.use(
    dispatchSlack(
      { views: viewRoutes(services), actions: actionRoutes(services), commands: commandRoutes(services), events: eventRoutes(services) },
      // Every request gets an answer in time, in words where a person is waiting: whatever is down, and whatever it is.
      { untaken: answerUntaken(services.log), run: answerInTime(services.log) },
    ),
  );
}
