import type { RequestKind } from "../request";
import type { RequestState } from "../request-state";

/** How many members of a batch are in each state. */
export type StateCounts = Partial<Record<RequestState, number>>;

export interface Bucket {
  label: string;
  count: number;
  /** The states it gathers. */
  states: readonly RequestState[];
}

export interface BatchProgress {
  /** Orders in the batch (recognised and confirmed). */
  total: number;
  /** Members stored so far. */
  filed: number;
  /** Members with a decision (anything but `submitted`). */
  done: number;
  /** Non-empty groups of decided members, in a fixed order. */
  buckets: Bucket[];
}

const DONE_WORD: Record<RequestKind, string> = { cancel: "cancelled", refund: "refunded", return: "returned" };

/**
 * The groups a batch message shows, in this order. A member is `done` for the batch once it has its
 * decision; what happens next (approval, execution) moves it between groups.
 */
function groups(kind: RequestKind): { label: string; states: RequestState[] }[] {
  return [
    { label: DONE_WORD[kind], states: ["completed"] },
    { label: "approved", states: ["approved", "executing"] },
    { label: "waiting for approval", states: ["awaiting_approval"] },
    { label: "to refund by hand", states: ["manual_pending"] },
    { label: "waiting for a condition", states: ["waiting"] },
    { label: "failed", states: ["failed"] },
    { label: "refused", states: ["rejected"] },
    { label: "rejected by an approver", states: ["denied"] },
    { label: "expired", states: ["expired"] },
  ];
}

export function batchProgress(counts: StateCounts, total: number, kind: RequestKind): BatchProgress {
  const filed = Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0);
  const done = filed - (counts.submitted ?? 0);
  const buckets = groups(kind)
    .map(({ label, states }) => ({ label, states, count: states.reduce((sum, s) => sum + (counts[s] ?? 0), 0) }))
    .filter((b) => b.count > 0);
  return { total, filed, done, buckets };
}

/** "412/500 done: 380 cancelled, 20 waiting for approval, 12 refused". */
export function progressLine(progress: BatchProgress): string {
  const head = `${progress.done}/${progress.total} done`;
  return progress.buckets.length === 0 ? head : `${head}: ${progress.buckets.map((b) => `${b.count} ${b.label}`).join(", ")}`;
}

/** Every member is stored and has its decision: the batch is finished (what follows is approvals and execution). */
export function isDecided(progress: BatchProgress): boolean {
  return progress.filed >= progress.total && progress.done === progress.filed;
}
