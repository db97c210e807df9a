import type { ApprovalPolicy } from "../../domain/approval-policy";
import type { Platform, Order } from "../../domain/order";
import type { Reason } from "../../domain/request";
import type { NoticeLocale, RenderedNotice } from "../../domain/customer-notice";
import type { NoticeTemplateKind } from "../../domain/execution-plan";

/** Structured logging (pino implements it): an object of fields, then a message. */
export interface Log {
  debug(fields: object, message?: string): void;
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
  child(bindings: Record<string, unknown>): Log;
}

/** A counter of the process's metrics. */
export interface Count<Label extends string> {
  inc(labels: Partial<Record<Label, string>>): void;
}

/** The counters a use case moves (prom-client implements them). */
export interface UseCaseMetrics {
  requestsDecided: Count<"outcome" | "route">;
  refundsExecuted: Count<"provider">;
  refundsFailed: Count<"provider">;
}

/** The settings a use case reads. */
export interface UseCaseSettings {
  approvalPolicy: ApprovalPolicy;
  /** Members decided per evaluate-batch job. */
  bulkChunkSize: number;
}

/** Where the bot reads orders from: the local order store, or a platform's API. */
export interface OrderDirectory {
  /** One platform's order, or null when it does not know it. */
  get(platform: Platform, orderId: string): Promise<Order | null>;
  /** Every platform's order with this id, or only `platform`'s when given. */
  find(orderId: string, platform?: Platform): Promise<Order[]>;
}

/** Who may approve refunds. */
export interface ApproverDirectory {
  isApprover(userId: string): Promise<boolean>;
  /** Everyone who may approve: named users, the user group's members, the fallback approver. */
  list(): Promise<string[]>;
}

/** One request's execution lock, held while it is executed: two workers never execute one request at once. */
export interface ExecutionLock {
  /** Why the lock was lost while held (its connection dropped), if it was. */
  readonly lost: string | undefined;
  release(): Promise<void>;
}

export interface ExecutionLocks {
  /** The lock, or null when another worker holds it. */
  tryAcquire(requestId: number): Promise<ExecutionLock | null>;
  isHeld(requestId: number): Promise<boolean>;
}

export interface NoticeInput {
  kind: NoticeTemplateKind;
  /** The order's `buyerLocale` (BCP 47), or none. */
  buyerLocale: string | undefined;
  orderId: string;
  amount: number;
  currency: string;
  reason: Reason;
}

export interface Notice extends RenderedNotice {
  locale: NoticeLocale;
}

/** The customer notices, in the buyer's language, from templates a support lead edits. */
export interface NoticeTemplates {
  render(input: NoticeInput): Promise<Notice>;
}
