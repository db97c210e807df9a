import { z } from "zod";
import { storedExplanationSchema } from "./explanation";

export const outcomeSchema = z.enum(["allow", "manual", "wait", "reject"]);
export type Outcome = z.infer<typeof outcomeSchema>;

/** Who must agree before a decision is executed. */
export const routeSchema = z.enum(["auto", "seller_review", "approval_policy"]);
export type Route = z.infer<typeof routeSchema>;

export const feeBearerSchema = z.enum(["seller", "customer", "none"]);
export type FeeBearer = z.infer<typeof feeBearerSchema>;

export const ruleIdSchema = z.string().regex(/^[CQG]\d{1,2}$/);
export type RuleId = z.infer<typeof ruleIdSchema>;

/** The engine's answer (docs/rules.md, "Decision"). */
export const decisionSchema = z
  .object({
    outcome: outcomeSchema,
    /** Absent on reject, present otherwise. */
    route: routeSchema.optional(),
    ruleIds: z.array(ruleIdSchema).min(1),
    /** 0 on reject. */
    refundAmount: z.int().min(0),
    feeBearer: feeBearerSchema,
    restore: z.object({ points: z.int().min(0), coupons: z.array(z.string()) }),
    buyerNoticeRequired: z.boolean(),
    /** A code and its data (rendered when shown), or the English sentence of an older decision. */
    explanation: storedExplanationSchema,
  })
  // The shell executes whatever a stored decision says, so a contradictory one must not parse.
  .superRefine((decision, ctx) => {
    const rejected = decision.outcome === "reject";
    if (rejected && decision.route !== undefined) ctx.addIssue({ code: "custom", path: ["route"], message: "expected no route on a reject" });
    if (!rejected && decision.route === undefined) ctx.addIssue({ code: "custom", path: ["route"], message: `expected a route on ${decision.outcome}` });
    if (rejected && decision.refundAmount !== 0) ctx.addIssue({ code: "custom", path: ["refundAmount"], message: "expected 0 on a reject" });
  });
export type Decision = z.infer<typeof decisionSchema>;
