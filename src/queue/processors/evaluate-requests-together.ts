import type { Services } from "../../app/services";
import { evaluateRequestsTogether } from "../../use-cases/evaluate-requests-together";
import type { Processor } from "../processor";

export function evaluateRequestsTogetherProcessor(services: Services): Processor<"evaluate-requests"> {
  return async ({ requestIds }, { log }) => {
    const { decided } = await evaluateRequestsTogether({ ...services, log }, requestIds);
    log.debug({ requests: requestIds.length, decided }, "requests decided together");
  };
}
