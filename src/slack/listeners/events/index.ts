import type { App } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { answerInTime } from "../answer-in-time";
import { appHomeOpenedListener } from "./app-home-opened";

/** The Events API events the bot listens to. */
export function registerEvents(app: App, services: Services): void {
  app.event("app_home_opened", answerInTime(services.log)(appHomeOpenedListener(services)));
}
