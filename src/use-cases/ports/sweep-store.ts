/**
 * What the sweepers read in the database: the work a lost job would have done. Postgres is the
 * source of truth and Redis may lose everything, so each of these is found again from the rows.
 */
export interface SweepStore {
  /** Requests still `submitted`, untouched since `olderThan`: their evaluation was lost. */
  staleSubmitted(olderThan: Date): Promise<{ id: number }[]>;
  /** Requests whose Slack messages are behind their stored state, untouched since `olderThan`. */
  projectionsBehind(olderThan: Date): Promise<{ id: number; version: number }[]>;
  /** Approved or executing requests untouched since `olderThan`. */
  stalledExecutions(olderThan: Date): Promise<{ id: number; version: number }[]>;
  /** Batches confirmed before `olderThan` and not finished. */
  unfinishedBatches(olderThan: Date): Promise<{ id: string; state: string }[]>;
  /** Deletes drafts created before `olderThan` (nobody confirmed them); how many. */
  forgetDraftBatches(olderThan: Date): Promise<number>;
}
