import { z } from "zod";
import { batchIdSchema } from "../../domain/bulk/batch-items";

/**
 * The work a use case can queue, by name, with the data each job carries: ids, not data (a
 * processor re-reads the request, so a job that runs twice finds its work done). Which queue runs
 * a job, its id and its retries are the queue adapter's (src/queue/job-definitions.ts).
 */

const requestRef = z.object({ requestId: z.int().positive() });
const batchRef = z.object({ batchId: batchIdSchema });

/** Members decided per evaluate-batch job, at most. */
export const MAX_EVALUATE_CHUNK = 1_000;

/** Requests per sync-requests job, at most. */
export const MAX_SYNC_CHUNK = 50;

export const timerStageSchema = z.enum(["remind", "escalate", "expire"]);
export type TimerStage = z.infer<typeof timerStageSchema>;

export const syncChangeSchema = z.object({ requestId: z.int().positive(), change: z.string().regex(/^[a-z0-9-]{1,40}$/) });
export type SyncChange = z.infer<typeof syncChangeSchema>;

/** Each job's data, checked when it is queued and again when it runs. */
export const JOB_DATA = {
  "evaluate-request": requestRef,
  "evaluate-requests": z.object({ requestIds: z.array(z.int().positive()).min(1).max(MAX_EVALUATE_CHUNK) }),
  "sweep-stale-requests": z.object({}),
  "approval-timers": z.object({}),
  "approval-timer": requestRef.extend({ stage: timerStageSchema }),
  "sync-request": syncChangeSchema,
  "sync-requests": z.object({ changes: z.array(syncChangeSchema).min(1).max(MAX_SYNC_CHUNK) }),
  "file-batch": batchRef,
  "evaluate-batch": batchRef.extend({ chunk: z.int().min(0), requestIds: z.array(z.int().positive()).min(1).max(MAX_EVALUATE_CHUNK) }),
  "batch-timer": batchRef.extend({ stage: timerStageSchema }),
  "sweep-batches": z.object({}),
  "sync-batch": batchRef,
  "confirm-request-filed": requestRef,
  "refresh-homes": z.object({}),
  "publish-home": z.object({ userId: z.string().min(1).max(32) }),
  "send-report": z.object({ userId: z.string().min(1).max(32), from: z.iso.datetime(), to: z.iso.datetime(), request: z.string().min(1).max(200).optional() }),
  "execute-request": requestRef.extend({ version: z.int().min(0) }),
  "sweep-stalled-executions": z.object({}),
};

export type JobName = keyof typeof JOB_DATA;
export type JobData<N extends JobName> = z.infer<(typeof JOB_DATA)[N]>;

/** One job for `enqueueJobs`, with options such as a delay. */
export type QueuedJob = { [N in JobName]: { name: N; data: JobData<N>; options?: JobOptions } }[JobName];

/** What a use case may ask of a job beyond its data. */
export interface JobOptions {
  /** Run it no sooner than this many ms from now. */
  delay?: number;
}

/** The queue, as a use case sees it. Every job has a deterministic id: queueing one twice runs it once. */
export interface JobQueue {
  enqueue<N extends JobName>(name: N, data: JobData<N>, options?: JobOptions): Promise<void>;
  /** Many jobs of one name in one round trip. */
  enqueueMany<N extends JobName>(name: N, data: readonly JobData<N>[]): Promise<void>;
  /** Jobs of any names in one round trip per queue. */
  enqueueJobs(jobs: readonly QueuedJob[]): Promise<void>;
  /** As `enqueue`; a job of that id that failed for good is retried instead. */
  enqueueOrRetry<N extends JobName>(name: N, data: JobData<N>): Promise<void>;
  /** As `enqueue`; a job of that id that already finished (completed, or failed for good) is removed first, so that this one runs. */
  enqueueAfresh<N extends JobName>(name: N, data: JobData<N>): Promise<void>;
  /** The data of this name's jobs that wait to run (waiting, delayed for a retry, prioritized), up to 5 000. */
  waitingJobs<N extends JobName>(name: N): Promise<JobData<N>[]>;
  /** A request filed on its own: evaluated with the others filed in the same few milliseconds. Resolves once queued. */
  evaluateSoon(requestId: number): Promise<void>;
}
