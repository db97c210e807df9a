import type { Services } from "../../app/services";
import type { Processor } from "../processor";

/** A request changed: re-publish the App Home of everyone who looks at theirs. */
export function refreshHomesProcessor(services: Services): Processor<"refresh-homes"> {
  return async () => {
    for (const userId of await services.slackJobs.recentHomeViewers(services.now().getTime())) await services.queues.enqueue("publish-home", { userId });
  };
}
