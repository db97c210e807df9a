import type { TimerStage } from "./jobs";
import type { Approval, BatchRow, RequestRow } from "./store";

/**
 * What an approval's timers tell people in Slack: the Slack adapter renders and posts it
 * (src/slack/timer-notices.ts), each post at most once however often the job runs.
 */
export interface TimerNotices {
  /** In the approval message's thread, when it has one: the approvers still to answer. */
  remindApprovers(row: RequestRow, waitingOn: readonly string[]): Promise<void>;
  /** The approval message, again, to the fallback approver or channel `to`. */
  escalate(row: RequestRow, answers: readonly Approval[], to: string): Promise<void>;
  /** The one who filed it, in a direct message, at each stage (a Slack user only). */
  tellRequester(row: RequestRow, stage: TimerStage): Promise<void>;
  /** As `remindApprovers`, in the batch approval message's thread: `pending` members still wait. */
  remindBatchApprovers(batch: BatchRow, approvers: readonly string[], pending: number): Promise<void>;
  escalateBatch(batch: BatchRow, to: string, pending: number): Promise<void>;
  /** The one who filed the batch: `count` members wait (remind, escalate) or expired (expire). */
  tellBatchFiler(batch: BatchRow, stage: TimerStage, count: number): Promise<void>;
}
