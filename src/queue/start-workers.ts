import { DelayedError, RateLimitError, UnrecoverableError, Worker, type Job } from "bullmq";
import type { Services } from "../app/services";
import { createRedis } from "./redis-connection";
import { errorThrottle } from "../observability/error-throttle";
import { JOBS, QUEUE_NAMES, type JobName, type QueueName } from "./job-definitions";
import type { Processors } from "./processor";
import { approvalTimerStageProcessor } from "./processors/approval-timer-stage";
import { batchTimerProcessor } from "./processors/batch-timer";
import { evaluateBatchProcessor } from "./processors/evaluate-batch";
import { fileBatchProcessor } from "./processors/file-batch";
import { sweepBatchesProcessor } from "./processors/sweep-batches";
import { syncBatchProcessor } from "./processors/sync-batch";
import { confirmRequestFiledProcessor } from "./processors/confirm-request-filed";
import { evaluateRequestProcessor } from "./processors/evaluate-request";
import { evaluateRequestsProcessor } from "./processors/evaluate-requests";
import { executeRequestProcessor } from "./processors/execute-request";
import { publishHomeProcessor } from "./processors/publish-home";
import { refreshHomesProcessor } from "./processors/refresh-homes";
import { sendReportProcessor } from "./processors/send-report";
import { sweepStaleRequestsProcessor } from "./processors/sweep-stale-requests";
import { approvalTimerPassProcessor } from "./processors/approval-timer-pass";
import { sweepStalledExecutionsProcessor } from "./processors/sweep-stalled-executions";
import { syncRequestProcessor } from "./processors/sync-request";
import { syncRequestsProcessor } from "./processors/sync-requests";

export function buildProcessors(services: Services): Processors {
  return {
    "evaluate-request": evaluateRequestProcessor(services),
    "evaluate-requests": evaluateRequestsProcessor(services),
    "sweep-stale-requests": sweepStaleRequestsProcessor(services),
    "approval-timers": approvalTimerPassProcessor(services),
    "approval-timer": approvalTimerStageProcessor(services),
    "sync-request": syncRequestProcessor(services),
    "sync-requests": syncRequestsProcessor(services),
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

/**
 * The sweepers' schedules. Upserted at start, again whenever Redis comes back (a Redis restarted
 * without persistence has forgotten them, with every queued job: the sweepers are what rebuilds
 * that work from Postgres, so they must never be lost with it), and checked every minute.
 */
export async function upsertSchedulers(services: Pick<Services, "queues" | "config">): Promise<void> {
  const { requests, execution } = services.queues.queues;
  const { everyMs, executionsEveryMs, approvalTimersEveryMs } = services.config.sweeps;
  await requests.upsertJobScheduler("sweep-stale-requests", { every: everyMs }, { name: "sweep-stale-requests", data: {} });
  await requests.upsertJobScheduler("approval-timers", { every: approvalTimersEveryMs }, { name: "approval-timers", data: {} });
  await requests.upsertJobScheduler("sweep-batches", { every: everyMs }, { name: "sweep-batches", data: {} });
  await execution.upsertJobScheduler("sweep-stalled-executions", { every: executionsEveryMs }, { name: "sweep-stalled-executions", data: {} });
}

const SCHEDULER_CHECK_EVERY_MS = 60_000;

/** True when every scheduler is still in Redis. */
async function schedulersPresent(services: Pick<Services, "queues">): Promise<boolean> {
  const { requests, execution } = services.queues.queues;
  const found = await Promise.all([
    requests.getJobScheduler("sweep-stale-requests"),
    requests.getJobScheduler("approval-timers"),
    requests.getJobScheduler("sweep-batches"),
    execution.getJobScheduler("sweep-stalled-executions"),
  ]);
  return found.every(Boolean);
}

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
  const workerErrorWorthLogging = errorThrottle();
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
    worker.on("error", (error) => {
      if (!workerErrorWorthLogging(error)) return;
      services.log.error({ err: error, queue: queueName }, "worker error");
    });
    // A job whose worker died (or hung past its lock) is taken again: worth knowing, and the reason for idempotent processors.
    worker.on("stalled", (jobId) => services.log.warn({ queue: queueName, jobId }, "stalled job taken again"));
    return worker;
  });
  await upsertSchedulers(services);
  const restoreSchedulers = (why: string) =>
    void upsertSchedulers(services).then(
      () => services.log.info({ why }, "sweep schedulers upserted"),
      (error: unknown) => services.log.warn({ err: error, why }, "could not upsert the sweep schedulers; will try again"),
    );
  // Each reconnection may be to a Redis that lost everything: put the schedulers back at once.
  let connectedOnce = false;
  const onReady = () => {
    if (connectedOnce) restoreSchedulers("redis reconnected");
    connectedOnce = true;
  };
  if (services.redis.status === "ready") connectedOnce = true;
  services.redis.on("ready", onReady);
  // A Redis emptied without a reconnection (FLUSHALL, a failover to an empty replica) is caught here.
  const check = setInterval(() => {
    schedulersPresent(services).then(
      (present) => present || restoreSchedulers("schedulers missing"),
      () => undefined,
    );
  }, SCHEDULER_CHECK_EVERY_MS);
  check.unref();
  return {
    workers,
    async close({ handBackAfterMs } = {}) {
      clearInterval(check);
      services.redis.off("ready", onReady);
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
