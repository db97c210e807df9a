import { Queue, type JobsOptions } from "bullmq";
import { Collector } from "./collector";
import { EVALUATE_WINDOW_MS, JOBS, MAX_EVALUATE_CHUNK, QUEUE_NAMES, type JobData, type JobName, type QueueName } from "./job-definitions";
import type { Redis } from "./redis-connection";

/** Retries with exponential backoff and jitter, bounded; finished jobs are kept a while for dedupe and inspection. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 10,
  backoff: { type: "exponential", delay: 500, jitter: 0.5 },
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** One job for `enqueueJobs`. */
export type QueuedJob = { [N in JobName]: { name: N; data: JobData<N>; options?: JobsOptions } }[JobName];

/** The producer side: a typed `enqueue(name, data)` for every job of JOBS. */
export class JobQueues {
  readonly queues: Record<QueueName, Queue>;

  /** Windowed jobs (see JOBS) this process queued, and when each runs. */
  private readonly windowJobsQueued = new Map<string, number>();

  /** Requests filed on their own in this process, gathered into one `evaluate-requests` job per window. */
  private readonly evaluations = new Collector<number>((requestIds) => this.enqueue("evaluate-requests", { requestIds }), EVALUATE_WINDOW_MS, MAX_EVALUATE_CHUNK);

  /**
   * @param onError where a queue's connection errors go (Redis down or restarting). BullMQ prints
   * them raw to stderr when a queue has no listener: around the structured log, once per retry.
   */
  constructor(connection: Redis, prefix: string, onError: (queue: QueueName, error: Error) => void = () => undefined) {
    this.queues = Object.fromEntries(
      QUEUE_NAMES.map((name) => {
        const queue = new Queue(name, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
        queue.on("error", (error: Error) => onError(name, error));
        return [name, queue];
      }),
    ) as Record<QueueName, Queue>;
  }

  /** Queues a request's evaluation with the others filed in the same window; resolves once their job is queued. */
  evaluateSoon(requestId: number): Promise<void> {
    return this.evaluations.add(requestId);
  }

  async enqueue<N extends JobName>(name: N, data: JobData<N>, options: JobsOptions = {}): Promise<void> {
    const definition = JOBS[name];
    const parsed = definition.data.parse(data) as JobData<N>;
    const jobOptions = { ...(definition.options as (d: JobData<N>) => JobsOptions)(parsed), ...options };
    const windowed = "windowed" in definition && jobOptions.jobId !== undefined;
    if (windowed && this.windowJobsQueued.has(jobOptions.jobId!)) return;
    await this.queues[definition.queue].add(name, parsed, jobOptions);
    if (windowed) this.rememberWindowJob(jobOptions.jobId!, Date.now() + (jobOptions.delay ?? 0));
  }

  /** This window's job is queued until it runs; past that, a change needs the next window's job. */
  private rememberWindowJob(jobId: string, runsAt: number): void {
    const now = Date.now();
    for (const [id, at] of this.windowJobsQueued) if (at < now) this.windowJobsQueued.delete(id);
    this.windowJobsQueued.set(jobId, runsAt);
  }

  /** Many jobs of one name in one round trip (BullMQ addBulk), each with its deterministic id. */
  async enqueueMany<N extends JobName>(name: N, data: readonly JobData<N>[]): Promise<void> {
    await this.enqueueJobs(data.map((d) => ({ name, data: d }) as QueuedJob));
  }

  /**
   * Jobs of any names in one round trip per queue (BullMQ addBulk), each with its deterministic id
   * and its own options (a delay): what one change of many requests queues at once.
   */
  async enqueueJobs(jobs: readonly QueuedJob[]): Promise<void> {
    const byQueue = new Map<QueueName, { name: JobName; data: unknown; opts: JobsOptions }[]>();
    for (const job of jobs) {
      const definition = JOBS[job.name];
      const parsed = definition.data.parse(job.data);
      const opts = { ...DEFAULT_JOB_OPTIONS, ...(definition.options as (d: unknown) => JobsOptions)(parsed), ...job.options };
      const list = byQueue.get(definition.queue) ?? [];
      list.push({ name: job.name, data: parsed, opts });
      byQueue.set(definition.queue, list);
    }
    await Promise.all([...byQueue].map(([queue, list]) => this.queues[queue].addBulk(list)));
  }

  /**
   * Like enqueue, but a job with the same id that already failed for good is retried: BullMQ
   * would otherwise ignore the new add because the id exists.
   */
  async enqueueOrRetry<N extends JobName>(name: N, data: JobData<N>): Promise<void> {
    const definition = JOBS[name];
    const jobId = (definition.options as (d: JobData<N>) => JobsOptions)(data).jobId;
    const existing = jobId ? await this.queues[definition.queue].getJob(jobId) : undefined;
    if (existing && (await existing.isFailed())) await existing.retry("failed");
    else await this.enqueue(name, data);
  }

  /** Like enqueue, but a finished job with the same id is removed first: BullMQ would ignore the new add. */
  async enqueueAfresh<N extends JobName>(name: N, data: JobData<N>): Promise<void> {
    const definition = JOBS[name];
    const jobId = (definition.options as (d: JobData<N>) => JobsOptions)(data).jobId;
    const existing = jobId ? await this.queues[definition.queue].getJob(jobId) : undefined;
    if (existing && ((await existing.isCompleted()) || (await existing.isFailed()))) await existing.remove();
    await this.enqueue(name, data);
  }

  async waitingJobs<N extends JobName>(name: N): Promise<JobData<N>[]> {
    const jobs = await this.queues[JOBS[name].queue].getJobs(["waiting", "delayed", "prioritized", "waiting-children"], 0, 5_000);
    return jobs.filter((job) => job?.name === name).map((job) => job.data as JobData<N>);
  }

  async close(): Promise<void> {
    await this.evaluations.drain();
    await Promise.all(Object.values(this.queues).map((queue) => queue.close()));
  }
}
