import type { ReportRow } from "../requests-report";
import type { IntakeRequestSummary, MemberResultRow, Rendered, RequestProjection, RequestRow } from "./store";

/** What a person's App Home lists. */
export interface HomeRequests {
  open: RequestRow[];
  recent: RequestRow[];
  waiting: RequestRow[];
  /** How many wait in all: far more than a home lists, on a bad day. */
  waitingTotal: number;
}

/**
 * What the adapters that show the bot's state read (Slack's messages and App Home, `/refund
 * status`, the intake list, the report), and their record of what they showed. Nothing here moves a
 * request or a batch: state changes go through a use case and the store. The db adapter implements
 * it (src/db/projection-store.ts).
 */
export interface ProjectionStore {
  /** A request with its effects, trail, approvals and the posts made for it, in one read. */
  loadRequestProjection(requestId: number): Promise<RequestProjection | null>;
  /** What one projection of a request put on Slack, in one statement. */
  recordRendered(requestId: number, version: number, rendered: Rendered): Promise<void>;

  /** A post in the `slack_posts` ledger, by its key. */
  findPost(key: string): Promise<{ channel: string; ts: string } | null>;
  /** Which of `keys` the ledger holds. */
  postedKeys(keys: readonly string[]): Promise<string[]>;
  /** Remembers a post by its key; a second record of the same key changes nothing. */
  rememberPost(key: string, channel: string, ts: string): Promise<void>;

  /** Remembers a batch message, once: the first post wins. */
  rememberBatchMessage(batchId: string, which: "message" | "approval", channel: string, ts: string): Promise<void>;
  /** What a batch message now shows, so that the next sync skips an update that changes nothing. */
  rememberShown(batchId: string, which: "message" | "approval", shown: string): Promise<void>;
  /** Every member of a batch, for its summary and results CSV. */
  memberResults(batchId: string): Promise<MemberResultRow[]>;
  /** The first members that wait for approval, oldest first. */
  pendingMembers(batchId: string, take: number): Promise<RequestRow[]>;

  homeRequests(userId: string, approver: boolean): Promise<HomeRequests>;
  /** Requests filed in [from, to), with their approvals and when they reached a final state. */
  reportRows(from: Date, to: Date): Promise<ReportRow[]>;
  /** The latest requests that came through the intake webhook, newest first. */
  recentIntakeRequests(limit: number): Promise<IntakeRequestSummary[]>;
  /** A request by its id, or an order's latest requests, newest first. */
  findRequests(by: { id: number } | { orderId: string; latest: number }): Promise<RequestRow[]>;
}
