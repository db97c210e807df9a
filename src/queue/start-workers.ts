import { Worker, type Job } from "bullmq";
import type { Services } from "../app/services";
import { errorThrottle } from "../observability/error-throttle";
import { buildProcessors } from "./build-processors";
import { QUEUE_NAMES, type QueueName } from "./job-definitions";
import type { Processors } from "./processor";
import { createRedis, type Redis } from "./redis-connection";
import { jobRunner, type RunningJobs } from "./run-job";
import { keepSchedulers } from "./sweep-schedulers";

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

function requestIdOf(job: Job | undefined): number | undefined {
  const id = (job?.data as { requestId?: unknown } | undefined)?.requestId;
  return typeof id === "number" ? id : undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** One queue's BullMQ worker, running its jobs' processors, its failures and errors logged. */
function startWorker(services: Services, processors: Processors, queueName: QueueName, connection: Redis, running: RunningJobs, errorWorthLogging: (error: Error) => boolean): Worker {
  const worker: Worker = new Worker(queueName, jobRunner(services, processors, queueName, running), {
    connection,
    prefix: services.config.queuePrefix,
    concurrency: services.config.workerConcurrency,
    // Slack's own limits; it also makes the queue honour a 429's Retry-After (BullMQ only checks
    // a manual rate limit on a queue that has a limiter).
    ...(queueName === "slack" ? { limiter: { max: services.config.slackJobsPerSecond, duration: 1_000 } } : {}),
    autorun: true,
  });
  worker.on("failed", (job, error) => services.log.warn({ job: job?.name, jobId: job?.id, requestId: requestIdOf(job), attempts: job?.attemptsMade, err: error }, "job failed"));
  worker.on("error", (error) => {
    if (!errorWorthLogging(error)) return;
    services.log.error({ err: error, queue: queueName }, "worker error");
  });
  // A job whose worker died (or hung past its lock) is taken again: worth knowing, and the reason for idempotent processors.
  worker.on("stalled", (jobId) => services.log.warn({ queue: queueName, jobId }, "stalled job taken again"));
  return worker;
}

/** Waits for the running jobs until `handBackAfterMs`, then hands back those still running; how many were. */
async function handBackRunning(services: Pick<Services, "log">, running: RunningJobs, handBackAfterMs: number): Promise<number> {
  const deadline = Date.now() + handBackAfterMs;
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
  return handedBack;
}

/**
 * Starts one BullMQ worker per queue. Each job's data is validated again with its schema: a job
 * that does not match (an old producer, a hand-edited job) fails for good instead of half-running.
 */
export async function startWorkers(services: Services, processors: Processors = buildProcessors(services)): Promise<RunningWorkers> {
  const connection = createRedis(services.config.redisUrl, "refund-desk-worker");
  const running: RunningJobs = new Map();
  const workerErrorWorthLogging = errorThrottle();
  const workers = QUEUE_NAMES.map((queueName) => startWorker(services, processors, queueName, connection, running, workerErrorWorthLogging));
  const stopKeepingSchedulers = await keepSchedulers(services);
  return {
    workers,
    async close({ handBackAfterMs } = {}) {
      stopKeepingSchedulers();
      // Take no new job, and let the running ones go on.
      await Promise.all(workers.map((worker) => worker.pause(true)));
      const handedBack = await handBackRunning(services, running, handBackAfterMs ?? Infinity);
      await Promise.all(workers.map((worker) => worker.close(running.size > 0)));
      await connection.quit().catch(() => connection.disconnect());
      return { handedBack };
    },
  };
}
