import type { Services } from "../../../app/services";
import type { ListenerApp } from "../listener-registry";
import { answerInTime } from "../answer-in-time";
import { appHomeOpenedListener } from "./app-home-opened";

/** The Events API events the bot listens to. */
export function registerEvents(app: ListenerApp, services: Services): void {
  app.event("app_home_opened", answerInTime(services.log)(appHomeOpenedListener(services)));
}
