import { z } from "zod";

/**
 * What an audit row may say happened, and the shape of its detail. The audit trail, the thread
 * replies and the reports all read these; writers record nothing else.
 */
export const AUDIT_DETAIL = {
  // Filing and deciding
  /** `batchId` on the members of a bulk request (and on their approvals, rejections and expiry given for the whole batch). */
  filed: z.object({ origin: z.string(), batchId: z.string().optional() }),
  decided: z.object({ outcome: z.string(), route: z.string().nullable(), ruleIds: z.array(z.string()), engineVersion: z.string(), approvalsRequired: z.int().optional(), because: z.string().optional() }),
  order_not_found: z.object({ orderId: z.string() }),
  /** The engine could not read a stored request (a bulk member with bad data): refused, so its batch can finish. */
  evaluation_failed: z.object({ message: z.string() }),
  // Approvals
  approval_given: z.object({ approver: z.string(), remaining: z.int(), batchId: z.string().optional() }),
  approved: z.object({ approvers: z.array(z.string()), batchId: z.string().optional() }),
  denied: z.object({ approver: z.string(), reason: z.string(), batchId: z.string().optional() }),
  approval_refused: z.object({ user: z.string(), why: z.enum(["not_an_approver", "own_request", "unknown_request", "not_pending"]) }),
  reminder_sent: z.object({ to: z.array(z.string()) }),
  escalated: z.object({ to: z.string() }),
  expired: z.object({ afterMs: z.int(), batchId: z.string().optional() }),
  // Execution
  execution_started: z.object({ attempt: z.int() }),
  effect_done: z.object({ effect: z.string(), provider: z.string(), reference: z.string(), alreadyDone: z.boolean().optional(), amount: z.int().optional() }),
  effect_failed: z.object({ effect: z.string(), provider: z.string(), code: z.string(), message: z.string(), permanent: z.boolean() }),
  completed: z.object({}).loose(),
  execution_failed: z.object({ effect: z.string(), provider: z.string(), code: z.string(), message: z.string() }),
  manual_task_created: z.object({ amount: z.int(), currency: z.string(), feeBearer: z.string(), why: z.string() }),
  manual_refund_marked: z.object({ by: z.string() }),
  retry_requested: z.object({ by: z.string() }),
} as const;

export type AuditAction = keyof typeof AUDIT_DETAIL;
export type AuditDetail<A extends AuditAction> = z.infer<(typeof AUDIT_DETAIL)[A]>;
