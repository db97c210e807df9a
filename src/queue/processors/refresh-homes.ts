import type { Services } from "../../app/services";
import { HomeViewers } from "../../slack/home-viewers";
import type { Processor } from "../processor";

/** A request changed: re-publish the App Home of everyone who looks at theirs. */
export function refreshHomesProcessor(services: Services): Processor<"refresh-homes"> {
  const viewers = new HomeViewers(services.redis, `${services.config.queuePrefix}:home-viewers`);
  return async () => {
    for (const userId of await viewers.recent(services.now().getTime())) await services.queues.enqueue("publish-home", { userId });
  };
}
