import { DelayedError, RateLimitError, UnrecoverableError, type Job } from "bullmq";
import type { Services } from "../app/services";
import { JOBS, type JobName, type QueueName } from "./job-definitions";
import type { ProcessorContext, Processors } from "./processor";

/** The jobs a process is running, by queue and id, with their lock tokens: what a shutdown hands back if it must. */
export type RunningJobs = Map<string, { job: Job; token: string | undefined }>;

/** How a job run ended, for the duration histogram. */
function resultOf(error: unknown): string {
  if (error instanceof DelayedError) return "retry_later";
  if (error instanceof RateLimitError) return "rate_limited";
  if (error instanceof UnrecoverableError) return "unrecoverable";
  return "failed";
}

/** The job's data, validated again with its schema: a job that does not match fails for good instead of half-running. */
function checkedData(job: Job, queueName: QueueName): { name: JobName; data: unknown } {
  const name = job.name as JobName;
  const definition = JOBS[name];
  if (!definition || definition.queue !== queueName) throw new UnrecoverableError(`unknown job ${job.name} on queue ${queueName}`);
  const data = definition.data.safeParse(job.data);
  if (!data.success) throw new UnrecoverableError(`job ${job.name} has invalid data: ${data.error.message}`);
  return { name, data: data.data };
}

/** What a queue's worker runs for each job: its processor, timed, logged and known to the shutdown while it runs. */
export function jobRunner(services: Services, processors: Processors, queueName: QueueName, running: RunningJobs) {
  return async (job: Job, token?: string): Promise<void> => {
    const { name, data } = checkedData(job, queueName);
    // Every line about this job carries its data: a request's jobs carry its requestId.
    const log = services.log.child({ job: job.name, jobId: job.id, ...(data as object) });
    log.debug({ attempt: job.attemptsMade + 1, waitedMs: Date.now() - job.timestamp }, "job started");
    const processor = processors[name] as (d: unknown, c: ProcessorContext) => Promise<void>;
    const key = `${queueName}:${job.id}`;
    running.set(key, { job, token });
    const done = services.metrics.jobDuration.startTimer({ job: name });
    try {
      await processor(data, {
        job,
        log,
        metrics: services.metrics,
        rateLimit: (ms) => services.queues.queues[queueName].rateLimit(ms),
        retryLater: async (ms) => {
          await job.moveToDelayed(Date.now() + ms, token);
          throw new DelayedError();
        },
      });
      const seconds = done({ result: "completed" });
      log.debug({ ms: Math.round(seconds * 1000) }, "job done");
    } catch (error) {
      const result = resultOf(error);
      const seconds = done({ result });
      log.debug({ ms: Math.round(seconds * 1000), result }, "job ended without completing");
      throw error;
    } finally {
      running.delete(key);
    }
  };
}
