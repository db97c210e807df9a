import type { Db } from "../../src/db/client";
import { postToSlackEvents } from "../support/slack-requests";
import { SIGNING_SECRET } from "./chaos-app";
import type { Filing } from "./chaos-orders";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Filed {
  /** The request each accepted filing made, by the filing's key: filled as they are made, so the chaos can watch them run. */
  ids: Map<string, number>;
  /** Filings the bot refused: the order had not enough left. */
  refused: Set<string>;
}

/**
 * Files every request through the modal, as agents do: the filings of one order together (a split
 * order's three at the same moment), eight orders at a time. A submission that failed is sent
 * again (the same view: a second request is never filed for it), one the bot refused is not (the
 * order has not enough left: what a split order's third request must get).
 */
export async function fileRequests(db: Db, baseUrl: string, filings: Filing[], filed: Filed, log: (line: string) => void): Promise<void> {
  const byOrder = new Map<string, Filing[]>();
  for (const filing of filings) byOrder.set(filing.order.orderId, [...(byOrder.get(filing.order.orderId) ?? []), filing]);
  const inFlight = new Set<Promise<void>>();
  for (const group of byOrder.values()) {
    const p = Promise.all(group.map((filing) => fileOne(db, baseUrl, filing, filed, log))).then(() => undefined).finally(() => inFlight.delete(p));
    inFlight.add(p);
    if (inFlight.size >= 8) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
}

async function fileOne(db: Db, baseUrl: string, filing: Filing, { ids, refused }: Filed, log: (line: string) => void): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const existing = await db.refundRequest.findUnique({ where: { idempotencyKey: `slack-view:T0FAKE:${filing.viewId}` }, select: { id: true } }).catch(() => null);
    if (existing) return void ids.set(filing.key, existing.id);
    const answer = await postToSlackEvents(baseUrl, filing.form, { secret: SIGNING_SECRET })
      .then(async (res) => ({ status: res.status, body: await res.text() }))
      .catch((error: unknown) => ({ status: 0, body: String(error) }));
    if (answer.status === 200 && /is left to refund|can be refunded|Nothing is left to refund/.test(answer.body)) return void refused.add(filing.key);
    const ok = answer.status === 200 && answer.body === "";
    if (!ok) log(`filing ${filing.key}: HTTP ${answer.status} ${answer.body.slice(0, 300)}`);
    // An agent gives up after a while; the request then counts as lost.
    if (!ok && attempt >= 30) return;
    if (!ok) await sleep(500 + Math.min(attempt, 8) * 250);
    else await sleep(50);
  }
}
