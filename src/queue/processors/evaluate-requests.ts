import type { Services } from "../../app/services";
import { evaluateRequests } from "../../use-cases/evaluate-requests";
import type { Processor } from "../processor";

export function evaluateRequestsProcessor(services: Services): Processor<"evaluate-requests"> {
  return async ({ requestIds }, { log }) => {
    const { decided } = await evaluateRequests({ ...services, log }, requestIds);
    log.debug({ requests: requestIds.length, decided }, "requests decided together");
  };
}
