import type { Db } from "./client";
import type { ReportRow } from "../use-cases/requests-report";
import { requestRowOf } from "./requests";

export type { ReportRow };

/** Requests filed in [from, to), with their approvals and when they reached a final state. */
export async function reportRows(db: Db, from: Date, to: Date): Promise<ReportRow[]> {
  const rows = await db.refundRequest.findMany({
    where: { createdAt: { gte: from, lt: to } },
    include: { approvals: { orderBy: { id: "asc" } } },
    orderBy: { id: "asc" },
  });
  const finals = await db.auditEvent.findMany({
    where: { requestId: { in: rows.map((r) => r.id) }, toState: { in: ["completed", "rejected", "denied", "expired"] } },
    select: { requestId: true, at: true },
  });
  const completedAt = new Map(finals.map((e) => [e.requestId, e.at]));
  return rows.map(({ approvals, ...row }) => ({ ...requestRowOf(row), approvals, completedAt: completedAt.get(row.id) ?? null }));
}
