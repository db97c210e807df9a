import { upsertOrders } from "../../src/db/orders";
import { APPROVALS_CHANNEL } from "./app-process";
import { cyberbizOrder } from "./orders";
import type { SlackApp } from "./slack-app";

/**
 * Requests filed through the bot's /refund modal that wait for approval, and what has happened to
 * them since. `current` gives the bot a test file started; it is read at each call, so the file can
 * take these functions before its beforeAll runs.
 */
export function pendingRequests(current: () => SlackApp | undefined) {
  const started = (): SlackApp => {
    const app = current();
    if (!app) throw new Error("the bot is not started");
    return app;
  };

  async function pendingRequest(requester = "U0AGENT"): Promise<number> {
    const { db, driver, slack } = started();
    const order = cyberbizOrder({ total: 2_000 });
    await upsertOrders(db, [order]);
    const id = await driver.fileRequest("/refund", order.orderId, { initiator: "store", kind: "refund", reason: "defective_item", amount: "800" }, requester);
    await slack.waitFor((c) => c.method === "chat.postMessage" && c.body.channel === APPROVALS_CHANNEL && String(c.body.text).includes(`RD-${id} `), 15_000, "the approval message");
    return id;
  }

  /** What a request has had happen to it: its state, answers and audit trail. */
  async function traceOf(id: number) {
    const { db } = started();
    const row = await db.refundRequest.findUniqueOrThrow({ where: { id } });
    return {
      state: row.state,
      version: row.version,
      approvals: await db.approval.count({ where: { requestId: id } }),
      audit: (await db.auditEvent.findMany({ where: { requestId: id }, orderBy: { id: "asc" } })).map((e) => [e.action, e.actor, (e.detail as { why?: string } | null)?.why ?? null]),
    };
  }

  return { pendingRequest, traceOf };
}
