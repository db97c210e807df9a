import { z } from "zod";
import type { Decision } from "./decision";
import type { RequestState } from "./request-state";

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** "90s", "30m", "2h", "1d", or a number of seconds. */
export const durationSchema = z
  .union([z.number().positive(), z.string().regex(/^\d+(\.\d+)?\s*[smhd]$/, { message: 'expected a duration such as "30m", "2h" or "1d"' })])
  .transform((value) => (typeof value === "number" ? value * 1_000 : Number.parseFloat(value) * UNIT_MS[value.trim().slice(-1) as keyof typeof UNIT_MS]));

const slackUserId = z.string().regex(/^[UW][A-Z0-9]{2,}$/, { message: "expected a Slack user id such as U0123ABCD" });
const slackChannelId = z.string().regex(/^[CGD][A-Z0-9]{2,}$/, { message: "expected a Slack channel id such as C0123ABCD" });

const thresholdSchema = z
  .object({
    /** Up to this amount (smallest unit), an allowed request under the approval policy needs nobody. */
    autoApproveUpTo: z.int().min(0).default(0),
    /** Up to this amount one approver suffices; above it, two distinct approvers. */
    singleApproverUpTo: z.int().min(0),
  })
  .strict()
  .refine((t) => t.autoApproveUpTo <= t.singleApproverUpTo, { message: "autoApproveUpTo cannot exceed singleApproverUpTo", path: ["autoApproveUpTo"] });
export type Threshold = z.infer<typeof thresholdSchema>;

/** A team's approval policy, as written in refund-desk.config.yaml (or .json). */
export const approvalPolicyFileSchema = z
  .object({
    approvers: z
      .object({
        users: z.array(slackUserId).default([]),
        /** A Slack user group (S…) whose members may approve. */
        userGroup: z.string().regex(/^S[A-Z0-9]{2,}$/, { message: "expected a Slack user group id such as S0123ABCD" }).optional(),
      })
      .strict()
      .default({ users: [] }),
    channels: z
      .object({ requests: slackChannelId.optional(), approvals: slackChannelId.optional(), escalation: slackChannelId.optional() })
      .strict()
      .default({}),
    /** Asked when a request waits too long (escalation); may approve like any approver. */
    fallbackApprover: slackUserId.optional(),
    /** Per currency (ISO 4217 code). A currency not listed needs one approver, with no automatic approval. */
    thresholds: z
      .record(z.string().regex(/^[A-Z]{3}$/), thresholdSchema, {
        error: (issue) => (issue.code === "invalid_key" ? "expected an ISO 4217 currency code such as TWD" : undefined),
      })
      .default({}),
    reminders: z
      .object({ remindAfter: durationSchema.optional(), escalateAfter: durationSchema.optional(), expireAfter: durationSchema.optional() })
      .strict()
      .default({}),
  })
  .strict();
export type ApprovalPolicyFile = z.infer<typeof approvalPolicyFileSchema>;

export interface ApprovalTimers {
  remindAfterMs: number;
  escalateAfterMs: number;
  expireAfterMs: number;
}

/** The approval policy in force: the file's, completed with the environment's defaults. */
export interface ApprovalPolicy {
  approverIds: readonly string[];
  approverGroup?: string;
  fallbackApprover?: string;
  escalationChannel?: string;
  thresholds: Readonly<Record<string, Threshold>>;
  timers: ApprovalTimers;
}

export const DEFAULT_TIMERS: ApprovalTimers = { remindAfterMs: 4 * UNIT_MS.h, escalateAfterMs: 24 * UNIT_MS.h, expireAfterMs: 72 * UNIT_MS.h };

/** What a decision means for approval: the state it puts the request in, and how many approvers it needs. */
export interface Routing {
  state: Extract<RequestState, "rejected" | "waiting" | "awaiting_approval" | "approved">;
  approvalsRequired: 0 | 1 | 2;
  /** Why, for the audit trail and the channel. */
  because: string;
}

/**
 * Routes a decision: `auto` executes without asking (Q12), `seller_review` (Q11) and every `manual`
 * (C7) need one approver, `approval_policy` follows the currency's thresholds; `reject` and `wait`
 * are only posted.
 */
export function routeDecision(decision: Pick<Decision, "outcome" | "route" | "refundAmount">, currency: string, policy: Pick<ApprovalPolicy, "thresholds">): Routing {
  if (decision.outcome === "reject") return { state: "rejected", approvalsRequired: 0, because: "the rules refused it" };
  if (decision.outcome === "wait") return { state: "waiting", approvalsRequired: 0, because: "it waits for a condition" };
  if (decision.outcome === "manual") return { state: "awaiting_approval", approvalsRequired: 1, because: "a manual refund always needs an approver (C7)" };
  if (decision.route === "auto") return { state: "approved", approvalsRequired: 0, because: "the platform's rules let it proceed by itself (Q12)" };
  if (decision.route === "seller_review") return { state: "awaiting_approval", approvalsRequired: 1, because: "the seller reviews a customer's cancel request (Q11)" };
  const threshold = policy.thresholds[currency];
  if (!threshold) return { state: "awaiting_approval", approvalsRequired: 1, because: `no thresholds for ${currency}: one approver` };
  if (decision.refundAmount <= threshold.autoApproveUpTo) return { state: "approved", approvalsRequired: 0, because: `at most ${threshold.autoApproveUpTo} ${currency}: approved by policy` };
  if (decision.refundAmount <= threshold.singleApproverUpTo) return { state: "awaiting_approval", approvalsRequired: 1, because: `at most ${threshold.singleApproverUpTo} ${currency}: one approver` };
  return { state: "awaiting_approval", approvalsRequired: 2, because: `above ${threshold.singleApproverUpTo} ${currency}: two approvers` };
}
