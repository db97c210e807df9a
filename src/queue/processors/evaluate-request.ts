import { UnrecoverableError } from "bullmq";
import type { Services } from "../../app/services";
import { evaluateRequest, RequestNotFoundError } from "../../use-cases/evaluate-request";
import type { Processor } from "../processor";

export function evaluateRequestProcessor(services: Services): Processor<"evaluate-request"> {
  return async ({ requestId }, { log }) => {
    try {
      await evaluateRequest({ ...services, log }, requestId);
    } catch (error) {
      if (error instanceof RequestNotFoundError) throw new UnrecoverableError(error.message);
      throw error;
    }
  };
}
