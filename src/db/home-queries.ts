import { FINAL_STATES } from "../domain/request-state";
import type { Db } from "./client";
import type { RequestRow } from "./requests";

const FINAL = [...FINAL_STATES];

/** What a person's App Home shows: their open requests, their recent results, and what waits for them. */
export async function homeRequests(db: Db, userId: string, approver: boolean): Promise<{ open: RequestRow[]; recent: RequestRow[]; waiting: RequestRow[] }> {
  const [open, recent, waiting] = await Promise.all([
    db.refundRequest.findMany({ where: { requestedBy: userId, state: { notIn: FINAL } }, orderBy: { id: "desc" }, take: 10 }),
    db.refundRequest.findMany({ where: { requestedBy: userId, state: { in: FINAL } }, orderBy: { updatedAt: "desc" }, take: 10 }),
    approver
      ? db.refundRequest.findMany({
          where: { state: "awaiting_approval", requestedBy: { not: userId }, approvals: { none: { approverId: userId } } },
          orderBy: { id: "asc" },
          take: 20,
        })
      : Promise.resolve([]),
  ]);
  return { open, recent, waiting };
}
