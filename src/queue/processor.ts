import type { Job } from "bullmq";
import type { Logger } from "../observability/logger";
import type { JobData, JobName } from "./job-definitions";

export interface ProcessorContext {
  job: Job;
  log: Logger;
  /** Holds the whole queue back, e.g. for Slack's Retry-After. */
  rateLimit(ms: number): Promise<void>;
}

/** One job's work. It receives data already validated against the job's schema. */
export type Processor<N extends JobName> = (data: JobData<N>, context: ProcessorContext) => Promise<void>;

export type Processors = { [N in JobName]: Processor<N> };
