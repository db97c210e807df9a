import type { JobsOptions } from "bullmq";
import { createHash } from "node:crypto";
import type { z } from "zod";
import { JOB_DATA, type JobData, type JobName, type SyncChange, type TimerStage } from "../use-cases/ports/jobs";

export { MAX_EVALUATE_CHUNK, MAX_SYNC_CHUNK, timerStageSchema } from "../use-cases/ports/jobs";
export type { JobData, JobName, SyncChange, TimerStage };

/**
 * Three queues, so that slow Slack calls never hold up decisions, and provider calls (LINE Pay may
 * take 20 s to answer) hold up neither.
 */
export const QUEUE_NAMES = ["requests", "slack", "execution"] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];





interface JobDefinition<S extends z.ZodType> {
  queue: QueueName;
  data: S;
  /**
   * The job's id or deduplication, from its data. Jobs carry ids, not data: a processor re-reads
   * the request, so a job that runs twice finds its work done; a deterministic id makes BullMQ
   * ignore a second enqueue of the same step.
   */
  options: (data: z.infer<S>) => JobsOptions;
  /**
   * One job per time window (`atEndOfWindow`): a process that queued this window's job already
   * skips the round trip to Redis for the next changes in the same window.
   */
  windowed?: true;
}

const define = <S extends z.ZodType>(definition: JobDefinition<S>) => definition;

/**
 * One job per time window, run when the window ends: every change inside the window is seen by
 * that run (it reads the state then), and a burst of changes costs one run, not one each.
 */
function atEndOfWindow(key: string, windowMs: number, now = Date.now()): JobsOptions {
  const window = Math.floor(now / windowMs) + 1;
  return { jobId: `${key}-${window}`, delay: window * windowMs - now };
}

/**
 * How long a process gathers the requests filed on their own before queueing their evaluation as
 * one job: a decision comes at most this much later, and an intake delivery's answer too (it waits
 * for the queueing). A longer window means fewer, larger jobs and less CPU per request; beyond
 * this one, the saving was small for the longer wait.
 */
export const EVALUATE_WINDOW_MS = 50;



/** A deterministic job id for a list: the same list queued twice is one job. */
type RequestRef = { requestId: number };
type BatchRef = { batchId: string };

const digest = (value: unknown) => createHash("sha1").update(JSON.stringify(value)).digest("hex");

export const JOBS = {
  /** Decides one request: what the sweeper queues for a request left undecided, and where a request its slice could not decide goes. */
  "evaluate-request": define({ queue: "requests", data: JOB_DATA["evaluate-request"], options: (d: RequestRef) => ({ jobId: `evaluate-${d.requestId}` }) }),
  /**
   * Decides the requests a process filed on their own within one window (`EVALUATE_WINDOW_MS`), in
   * a few statements: a burst of filings costs a job per window, not one each.
   */
  "evaluate-requests": define({
    queue: "requests",
    data: JOB_DATA["evaluate-requests"],
    options: (d: { requestIds: number[] }) => ({ jobId: `evaluate-requests-${digest(d.requestIds)}` }),
  }),
  "sweep-stale-requests": define({ queue: "requests", data: JOB_DATA["sweep-stale-requests"], options: () => ({}) }),
  /** The timer pass (a scheduler): queues the approval timers that came due; the timers live in Postgres. */
  "approval-timers": define({ queue: "requests", data: JOB_DATA["approval-timers"], options: () => ({}) }),
  /** One stage (reminder, escalation, expiry) of a pending approval, queued by the timer pass when it comes due. */
  "approval-timer": define({
    queue: "requests",
    data: JOB_DATA["approval-timer"],
    options: (d: RequestRef & { stage: TimerStage }) => ({ jobId: `timer-${d.requestId}-${d.stage}` }),
  }),
  /**
   * Brings the request's Slack messages in line with its state: its message, a thread reply per
   * step, the approval message. One job per change (`v<version>` after a move, or the step that
   * needs telling): a change is never folded into a sync that already read an older state.
   */
  "sync-request": define({
    queue: "slack",
    data: JOB_DATA["sync-request"],
    options: (d: RequestRef & { change: string }) => ({ jobId: `sync-${d.requestId}-${d.change}` }),
  }),
  /**
   * `sync-request` for many requests changed together (a slice decided at once): one job instead of
   * one each. A request it cannot bring in line (its lock is busy, Slack failed) gets a
   * `sync-request` of its own, with that job's retries.
   */
  "sync-requests": define({
    queue: "slack",
    data: JOB_DATA["sync-requests"],
    options: (d: { changes: SyncChange[] }) => ({ jobId: `syncs-${digest(d.changes)}` }),
  }),
  /** Stores a confirmed batch's members (resumable: members are keyed by batch and order) and queues their evaluation. */
  "file-batch": define({ queue: "requests", data: JOB_DATA["file-batch"], options: (d: BatchRef) => ({ jobId: `file-batch-${d.batchId}` }) }),
  /**
   * Decides a slice of a batch's members in a few statements instead of one job each. The slice is
   * fixed when the batch is filed (chunk n of its members), so a resumed filing queues the same jobs.
   */
  "evaluate-batch": define({
    queue: "requests",
    data: JOB_DATA["evaluate-batch"],
    options: (d: BatchRef & { chunk: number }) => ({ jobId: `evaluate-batch-${d.batchId}-${d.chunk}` }),
  }),
  /** Reminder, escalation and expiry of a batch's pending approvals: one set per batch, not per member. */
  "batch-timer": define({
    queue: "requests",
    data: JOB_DATA["batch-timer"],
    options: (d: BatchRef & { stage: TimerStage }) => ({ jobId: `batch-timer-${d.batchId}-${d.stage}` }),
  }),
  /** Re-queues the work of batches left unfinished (lost jobs), and forgets drafts nobody confirmed. */
  "sweep-batches": define({ queue: "requests", data: JOB_DATA["sweep-batches"], options: () => ({}) }),
  /**
   * Brings a batch's Slack messages in line with its members: the progress message (at most once a
   * second, always after the last change), the summary and results CSV once it is finished, the
   * batch approval message.
   */
  "sync-batch": define({ queue: "slack", data: JOB_DATA["sync-batch"], options: (d: BatchRef) => atEndOfWindow(`sync-batch-${d.batchId}`, 1_000), windowed: true }),
  /** Queued by earlier versions only (the first sync-request confirms a filing now): kept so that such jobs still run. */
  "confirm-request-filed": define({ queue: "slack", data: JOB_DATA["confirm-request-filed"], options: (d: RequestRef) => ({ jobId: `confirm-${d.requestId}` }) }),
  /** Re-publishes the App Home of everyone who looks at it: at most once a second, always after the last change. */
  "refresh-homes": define({ queue: "slack", data: JOB_DATA["refresh-homes"], options: () => atEndOfWindow("refresh-homes", 1_000), windowed: true }),
  "publish-home": define({ queue: "slack", data: JOB_DATA["publish-home"], options: (d: { userId: string }) => atEndOfWindow(`home-${d.userId}`, 250), windowed: true }),
  /**
   * The CSV report an approver asked for. One per command run (`request`: the command's trigger id,
   * which a replay of the same request repeats): however often that request reaches the bot, one
   * report is sent; the same command run again later is a new one.
   */
  "send-report": define({
    queue: "slack",
    data: JOB_DATA["send-report"],
    options: (d: { userId: string; request?: string }) => ({ attempts: 3, ...(d.request ? { jobId: `report-${digest([d.userId, d.request])}` } : {}) }),
  }),
  /**
   * Carries out an approved request at the providers. One job per approval (the version the request
   * had when it was approved, or when the sweeper found it stalled): a Retry after a failure is a
   * new approval, hence a new job. Retried with backoff and jitter for about 17 minutes of provider
   * trouble, then the request is failed for an approver to retry.
   */
  "execute-request": define({
    queue: "execution",
    data: JOB_DATA["execute-request"],
    options: (d: RequestRef & { version: number }) => ({ jobId: executeJobId(d), attempts: 10, backoff: { type: "exponential", delay: 2_000, jitter: 0.5 } }),
  }),
  "sweep-stalled-executions": define({ queue: "execution", data: JOB_DATA["sweep-stalled-executions"], options: () => ({}) }),
};

export function executeJobId(d: { requestId: number; version: number }): string {
  return `execute-${d.requestId}-v${d.version}`;
}


export function jobNamesOf(queue: QueueName): JobName[] {
  return (Object.keys(JOBS) as JobName[]).filter((name) => JOBS[name].queue === queue);
}
