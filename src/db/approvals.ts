import { Prisma } from "../generated/prisma/client";
import type { Approval } from "../generated/prisma/client";
import type { RequestState } from "../domain/request-state";
import type { Db } from "./client";

export type { Approval };

export type Verdict = "approve" | "reject";

export type VerdictOutcome =
  | { kind: "unknown_request" }
  /** The request is no longer waiting: someone decided first (or it expired). */
  | { kind: "not_pending"; state: RequestState; answers: Approval[] }
  /** This approver already answered this request. */
  | { kind: "duplicate"; answer: Approval }
  /** Approval given; more approvers are needed. */
  | { kind: "recorded"; remaining: number; version: number }
  | { kind: "approved"; to: RequestState; version: number; approvers: string[] }
  | { kind: "denied"; version: number };

interface LockedRequest {
  state: RequestState;
  approvals_required: number;
  outcome: string | null;
}

/**
 * Records one approver's verdict and, when it settles the request, moves it, all in one
 * transaction that holds the request's row lock: two approvers clicking at once, one clicking
 * twice, or Slack delivering a click twice, settle it exactly once.
 */
export async function recordVerdict(db: Db, input: { requestId: number; approverId: string; verdict: Verdict; reason?: string }): Promise<VerdictOutcome> {
  const { requestId, approverId, verdict } = input;
  return db.$transaction(async (tx) => {
    const [request] = await tx.$queryRaw<LockedRequest[]>(Prisma.sql`
      SELECT state, approvals_required, decision->>'outcome' AS outcome FROM refund_requests WHERE id = ${requestId} FOR UPDATE`);
    if (!request) return { kind: "unknown_request" };
    if (request.state !== "awaiting_approval") {
      return { kind: "not_pending", state: request.state, answers: await tx.approval.findMany({ where: { requestId }, orderBy: { id: "asc" } }) };
    }
    const inserted = await tx.$queryRaw<{ id: number }[]>(Prisma.sql`
      INSERT INTO approvals (request_id, approver_id, verdict, reason) VALUES (${requestId}, ${approverId}, ${verdict}, ${input.reason ?? null})
      ON CONFLICT (request_id, approver_id) DO NOTHING RETURNING id`);
    if (inserted.length === 0) {
      return { kind: "duplicate", answer: await tx.approval.findUniqueOrThrow({ where: { requestId_approverId: { requestId, approverId } } }) };
    }
    const audit = (action: string, to: RequestState, detail: object) =>
      tx.$executeRaw(Prisma.sql`
        INSERT INTO audit_events (request_id, actor_type, actor, action, from_state, to_state, detail)
        VALUES (${requestId}, 'user', ${approverId}, ${action}, 'awaiting_approval', ${to}, ${JSON.stringify(detail)}::jsonb)`);
    const move = async (to: RequestState) => {
      const [row] = await tx.$queryRaw<{ version: number }[]>(Prisma.sql`
        UPDATE refund_requests SET state = ${to}, version = version + 1, updated_at = now() WHERE id = ${requestId} RETURNING version`);
      return row!.version;
    };
    if (verdict === "reject") {
      const version = await move("denied");
      await audit("denied", "denied", { approver: approverId, reason: input.reason ?? "" });
      return { kind: "denied", version };
    }
    const approvers = (await tx.approval.findMany({ where: { requestId, verdict: "approve" }, orderBy: { id: "asc" } })).map((a) => a.approverId);
    const remaining = Math.max(0, request.approvals_required - approvers.length);
    if (remaining > 0) {
      // Same state, new content (who approved so far): a new version, so its messages are redrawn.
      const [row] = await tx.$queryRaw<{ version: number }[]>(Prisma.sql`
        UPDATE refund_requests SET version = version + 1, updated_at = now() WHERE id = ${requestId} RETURNING version`);
      await audit("approval_given", "awaiting_approval", { approver: approverId, remaining });
      return { kind: "recorded", remaining, version: row!.version };
    }
    // Every approved request goes to execution, a manual one (C7) too: the order is still cancelled,
    // points restored and the customer told; the executor skips LINE Pay and leaves a task for a person.
    const to: RequestState = "approved";
    const version = await move(to);
    await audit("approved", to, { approvers });
    return { kind: "approved", to, version, approvers };
  });
}

export function answersOf(db: Db, requestId: number): Promise<Approval[]> {
  return db.approval.findMany({ where: { requestId }, orderBy: { id: "asc" } });
}
