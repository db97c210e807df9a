import { DelayedError, RateLimitError, UnrecoverableError, Worker, type Job } from "bullmq";
import type { Services } from "../app/services";
import { createRedis } from "./redis-connection";
import { JOBS, QUEUE_NAMES, type JobName, type QueueName } from "./job-definitions";
import type { Processors } from "./processor";
import { approvalTimerProcessor } from "./processors/approval-timer";
import { batchTimerProcessor } from "./processors/batch-timer";
import { evaluateBatchProcessor } from "./processors/evaluate-batch";
import { fileBatchProcessor } from "./processors/file-batch";
import { sweepBatchesProcessor } from "./processors/sweep-batches";
import { syncBatchProcessor } from "./processors/sync-batch";
import { confirmRequestFiledProcessor } from "./processors/confirm-request-filed";
import { evaluateRequestProcessor } from "./processors/evaluate-request";
import { executeRequestProcessor } from "./processors/execute-request";
import { publishHomeProcessor } from "./processors/publish-home";
import { refreshHomesProcessor } from "./processors/refresh-homes";
import { sendReportProcessor } from "./processors/send-report";
import { sweepStaleRequestsProcessor } from "./processors/sweep-stale-requests";
import { SWEEP_EXECUTIONS_EVERY_MS, sweepStalledExecutionsProcessor } from "./processors/sweep-stalled-executions";
import { syncRequestProcessor } from "./processors/sync-request";

export function buildProcessors(services: Services): Processors {
  return {
    "evaluate-request": evaluateRequestProcessor(services),
    "sweep-stale-requests": sweepStaleRequestsProcessor(services),
    "approval-timer": approvalTimerProcessor(services),
    "sync-request": syncRequestProcessor(services),
    "confirm-request-filed": confirmRequestFiledProcessor(services),
    "refresh-homes": refreshHomesProcessor(services),
    "publish-home": publishHomeProcessor(services),
    "send-report": sendReportProcessor(services),
    "file-batch": fileBatchProcessor(services),
    "evaluate-batch": evaluateBatchProcessor(services),
    "batch-timer": batchTimerProcessor(services),
    "sweep-batches": sweepBatchesProcessor(services),
    "sync-batch": syncBatchProcessor(services),
    "execute-request": executeRequestProcessor(services),
    "sweep-stalled-executions": sweepStalledExecutionsProcessor(services),
  };
}

export const SWEEP_EVERY_MS = 15_000;

export interface RunningWorkers {
  workers: Worker[];
  /**
   * Stops taking jobs and waits for the running ones. Jobs still running after `handBackAfterMs`
   * are handed back: moved to the front of their queue for another worker (or the next process),
   * without counting an attempt. Their processors are idempotent, so one that was half done is
   * redone safely. Resolves with how many were handed back.
   */
  close(options?: { handBackAfterMs?: number }): Promise<{ handedBack: number }>;
}

/** How a job run ended, for the duration histogram. */
function resultOf(error: unknown): string {
  if (error instanceof DelayedError) return "retry_later";
  if (error instanceof RateLimitError) return "rate_limited";
  if (error instanceof UnrecoverableError) return "unrecoverable";
  return "failed";
}

function requestIdOf(job: Job | undefined): number | undefined {
  const id = (job?.data as { requestId?: unknown } | undefined)?.requestId;
  return typeof id === "number" ? id : undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Starts one BullMQ worker per queue. Each job's data is validated again with its schema: a job
 * that does not match (an old producer, a hand-edited job) fails for good instead of half-running.
 */
export async function startWorkers(services: Services, processors: Processors = buildProcessors(services)): Promise<RunningWorkers> {
  const connection = createRedis(services.config.redisUrl, "refund-desk-worker");
  // The jobs this process is running, with their lock tokens: what a shutdown hands back if it must.
  const running = new Map<string, { job: Job; token: string | undefined }>();
  const workers = QUEUE_NAMES.map((queueName: QueueName) => {
    const worker: Worker = new Worker(
      queueName,
      async (job: Job, token?: string) => {
        const name = job.name as JobName;
        const definition = JOBS[name];
        if (!definition || definition.queue !== queueName) throw new UnrecoverableError(`unknown job ${job.name} on queue ${queueName}`);
        const data = definition.data.safeParse(job.data);
        if (!data.success) throw new UnrecoverableError(`job ${job.name} has invalid data: ${data.error.message}`);
        // Every line about this job carries its data: a request's jobs carry its requestId.
        const log = services.log.child({ job: job.name, jobId: job.id, ...(data.data as object) });
        log.debug({ attempt: job.attemptsMade + 1, waitedMs: Date.now() - job.timestamp }, "job started");
        const processor = processors[name] as (d: unknown, c: Parameters<Processors[JobName]>[1]) => Promise<void>;
        const key = `${queueName}:${job.id}`;
        running.set(key, { job, token });
        const done = services.metrics.jobDuration.startTimer({ job: name });
        try {
          await processor(data.data, {
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
      },
      {
        connection,
        prefix: services.config.queuePrefix,
        concurrency: services.config.workerConcurrency,
        // Slack's own limits; it also makes the queue honour a 429's Retry-After (BullMQ only checks
        // a manual rate limit on a queue that has a limiter).
        ...(queueName === "slack" ? { limiter: { max: services.config.slackJobsPerSecond, duration: 1_000 } } : {}),
        autorun: true,
      },
    );
    worker.on("failed", (job, error) => services.log.warn({ job: job?.name, jobId: job?.id, requestId: requestIdOf(job), attempts: job?.attemptsMade, err: error }, "job failed"));
    worker.on("error", (error) => services.log.error({ err: error, queue: queueName }, "worker error"));
    // A job whose worker died (or hung past its lock) is taken again: worth knowing, and the reason for idempotent processors.
    worker.on("stalled", (jobId) => services.log.warn({ queue: queueName, jobId }, "stalled job taken again"));
    return worker;
  });
  await services.queues.queues.requests.upsertJobScheduler("sweep-stale-requests", { every: SWEEP_EVERY_MS }, { name: "sweep-stale-requests", data: {} });
  await services.queues.queues.requests.upsertJobScheduler("sweep-batches", { every: SWEEP_EVERY_MS }, { name: "sweep-batches", data: {} });
  await services.queues.queues.execution.upsertJobScheduler("sweep-stalled-executions", { every: SWEEP_EXECUTIONS_EVERY_MS }, { name: "sweep-stalled-executions", data: {} });
  return {
    workers,
    async close({ handBackAfterMs } = {}) {
      // Take no new job, and let the running ones go on.
      await Promise.all(workers.map((worker) => worker.pause(true)));
      const deadline = Date.now() + (handBackAfterMs ?? Infinity);
      while (running.size > 0 && Date.now() < deadline) await sleep(Math.min(50, Math.max(1, deadline - Date.now())));
      let handedBack = 0;
      for (const { job, token } of [...running.values()]) {
        try {
          await job.moveToWait(token);
          handedBack += 1;
          services.log.warn({ job: job.name, jobId: job.id, requestId: requestIdOf(job) }, "shutdown: job still running, handed back to the queue");
        } catch (error) {
          // Its lock lapses instead, and the stalled-job check of another worker takes it again.
          services.log.warn({ job: job.name, jobId: job.id, requestId: requestIdOf(job), err: error }, "shutdown: could not hand a job back; it will be taken again once its lock lapses");
        }
      }
      await Promise.all(workers.map((worker) => worker.close(running.size > 0)));
      await connection.quit().catch(() => connection.disconnect());
      return { handedBack };
    },
  };
}
