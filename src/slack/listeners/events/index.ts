import type { Services } from "../../../app/services";
import type { ListenerApp } from "../listener-registry";
import { answerInTime } from "../answer-in-time";
import { appHomeOpenedListener } from "./app-home-opened";
import { userChangedListener } from "./user-changed";

/** The Events API events the bot listens to. */
export function registerEvents(app: ListenerApp, services: Services): void {
  const inTime = answerInTime(services.log);
  app.event("app_home_opened", inTime(appHomeOpenedListener(services)));
  app.event("user_change", inTime(userChangedListener(services)));
}
