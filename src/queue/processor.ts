import type { Job } from "bullmq";
import type { Logger } from "../observability/logger";
import type { Metrics } from "../observability/metrics";
import type { JobData, JobName } from "./job-definitions";

export interface ProcessorContext {
  job: Job;
  log: Logger;
  metrics: Metrics;
  /** Holds the whole queue back, e.g. for Slack's Retry-After. */
  rateLimit(ms: number): Promise<void>;
  /** Puts this job back to run again in `ms`, without counting an attempt (e.g. a lock is busy). Throws: return its result. */
  retryLater(ms: number): Promise<never>;
}

/** One job's work. It receives data already validated against the job's schema. */
export type Processor<N extends JobName> = (data: JobData<N>, context: ProcessorContext) => Promise<void>;

export type Processors = { [N in JobName]: Processor<N> };
