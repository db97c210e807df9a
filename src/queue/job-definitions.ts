import type { JobsOptions } from "bullmq";
import { z } from "zod";

/**
 * Three queues, so that slow Slack calls never hold up decisions, and provider calls (LINE Pay may
 * take 20 s to answer) hold up neither.
 */
export const QUEUE_NAMES = ["requests", "slack", "execution"] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

const requestRef = z.object({ requestId: z.int().positive() });

/**
 * Every job: its queue, the zod schema of its data, and its id. Jobs carry ids, not data: a
 * processor re-reads the request, so a job that runs twice finds its work done. A deterministic
 * job id makes BullMQ ignore a second enqueue of the same step.
 */
export const JOBS = {
  "evaluate-request": { queue: "requests", data: requestRef, jobId: (d: { requestId: number }) => `evaluate-${d.requestId}` },
  "sweep-stale-requests": { queue: "requests", data: z.object({}), jobId: () => undefined },
  "publish-request-message": { queue: "slack", data: requestRef, jobId: (d: { requestId: number }) => `publish-${d.requestId}` },
  "refresh-request-message": {
    queue: "slack",
    data: requestRef.extend({ version: z.int().min(0) }),
    jobId: (d: { requestId: number; version: number }) => `refresh-${d.requestId}-v${d.version}`,
  },
  "confirm-request-filed": { queue: "slack", data: requestRef, jobId: (d: { requestId: number }) => `confirm-${d.requestId}` },
  /**
   * Carries out an approved request at the providers. One job per approval (the version the request
   * had when it was approved, or when the sweeper found it stalled): a Retry after a failure is a
   * new approval, hence a new job. Retried for about 17 minutes of provider trouble, then the
   * request is failed for an approver to retry.
   */
  "execute-request": {
    queue: "execution",
    data: requestRef.extend({ version: z.int().min(0) }),
    jobId: (d: { requestId: number; version: number }) => `execute-${d.requestId}-v${d.version}`,
    options: { attempts: 10, backoff: { type: "exponential", delay: 2_000, jitter: 0.5 } },
  },
  "sweep-stalled-executions": { queue: "execution", data: z.object({}), jobId: () => undefined },
} as const satisfies Record<string, { queue: QueueName; data: z.ZodType; jobId: (data: never) => string | undefined; options?: JobsOptions }>;

export type JobName = keyof typeof JOBS;
export type JobData<N extends JobName> = z.infer<(typeof JOBS)[N]["data"]>;

export function jobNamesOf(queue: QueueName): JobName[] {
  return (Object.keys(JOBS) as JobName[]).filter((name) => JOBS[name].queue === queue);
}
