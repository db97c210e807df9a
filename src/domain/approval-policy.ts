import { z } from "zod";
import type { Decision } from "./decision";
import { localeSettingSchema } from "./locale";
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
      .object({
        requests: slackChannelId.optional(),
        approvals: slackChannelId.optional(),
        escalation: slackChannelId.optional(),
        /** The language of what the bot posts in a channel, where it is not the team's (REFUND_DESK_LOCALE). */
        locales: z.record(slackChannelId, localeSettingSchema).optional(),
      })
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
    /**
     * The thresholds apply to an order's refunds together: a request's own, its order's open
     * requests', and those completed within this window (splitting a refund buys nothing). @defaultValue 30d
     */
    orderWindow: durationSchema.optional(),
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
  /** How far back an order's completed refunds count with a new one against the thresholds. */
  orderWindowMs: number;
}

export const DEFAULT_TIMERS: ApprovalTimers = { remindAfterMs: 4 * UNIT_MS.h, escalateAfterMs: 24 * UNIT_MS.h, expireAfterMs: 72 * UNIT_MS.h };

export const DEFAULT_ORDER_WINDOW_MS = 30 * UNIT_MS.d;

/** What a decision means for approval: the state it puts the request in, and how many approvers it needs. */
export interface Routing {
  state: Extract<RequestState, "rejected" | "waiting" | "awaiting_approval" | "approved">;
  approvalsRequired: 0 | 1 | 2;
  /** Why, for the audit trail and the channel. */
  because: string;
}

/** What the currency's thresholds ask for `amount` (`what`: how it is named in the reason, when it is not the request's alone). */
function byThresholds(amount: number, currency: string, policy: Pick<ApprovalPolicy, "thresholds">, what: string): { approvalsRequired: 0 | 1 | 2; because: string } {
  const threshold = policy.thresholds[currency];
  if (!threshold) return { approvalsRequired: 1, because: `no thresholds for ${currency}: one approver` };
  if (amount <= threshold.autoApproveUpTo) return { approvalsRequired: 0, because: `${what}at most ${threshold.autoApproveUpTo} ${currency}: approved by policy` };
  if (amount <= threshold.singleApproverUpTo) return { approvalsRequired: 1, because: `${what}at most ${threshold.singleApproverUpTo} ${currency}: one approver` };
  return { approvalsRequired: 2, because: `${what}above ${threshold.singleApproverUpTo} ${currency}: two approvers` };
}

/**
 * Routes a decision: `auto` executes without asking (Q12), `seller_review` (Q11) needs one approver,
 * `approval_policy` follows the currency's thresholds, and a `manual` refund (C7) needs what they ask
 * and at least one approver; `reject` and `wait` are only posted. The thresholds apply to the
 * order's refunds together (ours): this one and `onOrder`, what the order's other requests refund
 * (open ones, and those completed within the policy's window), so that splitting a refund into
 * smaller requests buys nothing.
 */
export function routeDecision(decision: Pick<Decision, "outcome" | "route" | "refundAmount">, currency: string, policy: Pick<ApprovalPolicy, "thresholds">, onOrder = 0): Routing {
  if (decision.outcome === "reject") return { state: "rejected", approvalsRequired: 0, because: "the rules refused it" };
  if (decision.outcome === "wait") return { state: "waiting", approvalsRequired: 0, because: "it waits for a condition" };
  const manual = decision.outcome === "manual";
  if (decision.route === "auto" && !manual) return { state: "approved", approvalsRequired: 0, because: "the platform's rules let it proceed by itself (Q12)" };
  if (decision.route === "seller_review" && !manual) return { state: "awaiting_approval", approvalsRequired: 1, because: "the seller reviews a customer's cancel request (Q11)" };
  const amount = decision.refundAmount + onOrder;
  const needed = byThresholds(amount, currency, policy, onOrder > 0 ? `${amount} ${currency} with the order's other refunds, ` : "");
  if (manual) {
    // C7: a refund by other means always has a person agree, two where the thresholds ask for two.
    if (needed.approvalsRequired === 2) return { state: "awaiting_approval", approvalsRequired: 2, because: `a manual refund (C7), ${needed.because}` };
    return { state: "awaiting_approval", approvalsRequired: 1, because: "a manual refund always needs an approver (C7)" };
  }
  return { state: needed.approvalsRequired === 0 ? "approved" : "awaiting_approval", approvalsRequired: needed.approvalsRequired, because: needed.because };
}
