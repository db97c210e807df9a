import type { App } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { appHomeOpenedListener } from "./app-home-opened";

export function register(app: App, services: Services): void {
  app.event("app_home_opened", appHomeOpenedListener(services));
}
