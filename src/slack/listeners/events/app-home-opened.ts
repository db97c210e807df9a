import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { HomeViewers } from "../../home-viewers";

/** Someone opened the bot's App Home: show it, and keep it fresh from now on. */
export function appHomeOpenedListener(services: Services) {
  const viewers = new HomeViewers(services.redis, `${services.config.queuePrefix}:home-viewers`);
  return async ({ event }: SlackEventMiddlewareArgs<"app_home_opened"> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== "home") return;
    await viewers.saw(event.user, services.now().getTime());
    await services.queues.enqueue("publish-home", { userId: event.user });
  };
}
