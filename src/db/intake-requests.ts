import type { Db } from "./client";

/** The request an idempotency key filed, if any. */
export async function findRequestIdByKey(db: Db, idempotencyKey: string): Promise<number | null> {
  const row = await db.refundRequest.findUnique({ where: { idempotencyKey }, select: { id: true } });
  return row?.id ?? null;
}

export interface IntakeRequestSummary {
  id: number;
  idempotencyKey: string | null;
  platform: string;
  orderId: string;
  state: string;
  createdAt: Date;
}

/** The latest requests that arrived through the intake webhook, newest first. */
export function recentIntakeRequests(db: Db, limit: number): Promise<IntakeRequestSummary[]> {
  return db.refundRequest.findMany({
    where: { origin: "intake" },
    select: { id: true, idempotencyKey: true, platform: true, orderId: true, state: true, createdAt: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
  });
}
