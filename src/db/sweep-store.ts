import type { SweepStore } from "../use-cases/ports/sweep-store";
import { unfinishedBatches } from "./batches";
import type { Db } from "./client";
import { findStalledExecutions } from "./effects";
import { findStaleSubmitted } from "./requests";
import { findProjectionsBehind } from "./sweep-queries";

/** The sweepers' reads (src/use-cases/ports/sweep-store.ts) on Postgres. */
export function createSweepStore(db: Db): SweepStore {
  return {
    staleSubmitted: (olderThan) => findStaleSubmitted(db, olderThan),
    projectionsBehind: (olderThan) => findProjectionsBehind(db, olderThan),
    stalledExecutions: (olderThan) => findStalledExecutions(db, olderThan),
    unfinishedBatches: (olderThan) => unfinishedBatches(db, olderThan),
    forgetDraftBatches: async (olderThan) => (await db.batch.deleteMany({ where: { state: "draft", createdAt: { lt: olderThan } } })).count,
  };
}
