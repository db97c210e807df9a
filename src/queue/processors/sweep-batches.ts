import type { Services } from "../../app/services";
import { sweepBatches } from "../../use-cases/sweep-batches";
import type { Processor } from "../processor";

export function sweepBatchesProcessor(services: Services): Processor<"sweep-batches"> {
  return async (_data, { log }) => {
    const { swept, forgotten } = await sweepBatches(services, services.config.sweeps.staleAfterMs);
    if (swept.length > 0) log.info({ batches: swept }, "swept unfinished batches");
    if (forgotten > 0) log.info({ count: forgotten }, "forgot unconfirmed bulk drafts");
  };
}
