import { FINAL_STATES } from "../domain/request-state";
import type { Db } from "./client";
import { requestRowOf, type RequestRow } from "./requests";

const FINAL = [...FINAL_STATES];

/** How many waiting requests an approver's App Home lists: the oldest first. */
export const HOME_WAITING_SHOWN = 20;

/**
 * What a person's App Home shows: their open requests, their recent results, and what waits for
 * them (the oldest, and how many in all: on a bad day far more wait than a home can list).
 */
export async function homeRequests(db: Db, userId: string, approver: boolean): Promise<{ open: RequestRow[]; recent: RequestRow[]; waiting: RequestRow[]; waitingTotal: number }> {
  const waitingFor = { state: "awaiting_approval", requestedBy: { not: userId }, approvals: { none: { approverId: userId } } } as const;
  const [open, recent, waiting, waitingTotal] = await Promise.all([
    db.refundRequest.findMany({ where: { requestedBy: userId, state: { notIn: FINAL } }, orderBy: { id: "desc" }, take: 10 }),
    db.refundRequest.findMany({ where: { requestedBy: userId, state: { in: FINAL } }, orderBy: { updatedAt: "desc" }, take: 10 }),
    approver
      ? db.refundRequest.findMany({ where: waitingFor, orderBy: { id: "asc" }, take: HOME_WAITING_SHOWN })
      : Promise.resolve([]),
    approver ? db.refundRequest.count({ where: waitingFor }) : Promise.resolve(0),
  ]);
  return { open: open.map(requestRowOf), recent: recent.map(requestRowOf), waiting: waiting.map(requestRowOf), waitingTotal };
}
