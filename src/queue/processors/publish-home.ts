import type { Services } from "../../app/services";
import type { Processor } from "../processor";

export function publishHomeProcessor(services: Services): Processor<"publish-home"> {
  return ({ userId }, context) => services.slackJobs.publishHome(userId, context);
}
