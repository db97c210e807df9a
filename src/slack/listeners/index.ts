import type { App } from "@slack/bolt";
import type { Services } from "../../app/services";
import { actionRoutes } from "./actions";
import { commandRoutes } from "./commands";
import { dispatchSlack } from "./dispatch-slack";
import { eventRoutes } from "./events";
import { viewRoutes } from "./views";

/** Every Slack surface the bot answers, one folder each, dispatched by one middleware (dispatch-slack.ts). */
export function registerListeners(app: App, services: Services): void {
  app.use(dispatchSlack({ views: viewRoutes(services), actions: actionRoutes(services), commands: commandRoutes(services), events: eventRoutes(services) }));
}
