import type { Services } from "../../../app/services";
import { appHomeOpenedListener } from "./app-home-opened";

/** The Events API events the bot listens to, by type. */
export function eventRoutes(services: Services) {
  return { app_home_opened: appHomeOpenedListener(services) };
}
