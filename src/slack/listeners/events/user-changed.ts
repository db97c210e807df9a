import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { Services } from "../../../app/services";

/** Someone changed their profile (their language among it): the next interaction asks Slack for it again. */
export function userChangedListener(services: Pick<Services, "userLocales">) {
  return async ({ event }: SlackEventMiddlewareArgs<"user_change"> & AllMiddlewareArgs): Promise<void> => {
    services.userLocales.forget(event.user.id);
  };
}
