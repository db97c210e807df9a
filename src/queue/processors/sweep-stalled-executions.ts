import type { Services } from "../../app/services";
import { sweepStalledExecutions } from "../../use-cases/sweep-stalled-executions";
import type { Processor } from "../processor";

export function sweepStalledExecutionsProcessor(services: Services): Processor<"sweep-stalled-executions"> {
  return async (_data, { log }) => {
    await sweepStalledExecutions({ ...services, log }, services.config.sweeps.stalledAfterMs);
  };
}
