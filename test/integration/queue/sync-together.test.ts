import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Services } from "../../../src/app/services";
import { upsertOrders } from "../../../src/db/orders";
import type { Order } from "../../../src/domain/order";
import { syncLockKey } from "../../../src/queue/processors/sync-request";
import { tryLock } from "../../../src/queue/redis-lock";
import { startWorkers, type RunningWorkers } from "../../../src/queue/start-workers";
import { fileRequest } from "../../../src/db/requests";
import { testWorkspace } from "../../support/test-workspace";
import type { LocalWorkspace } from "../../../src/local-workspace/local-workspace";
import { REQUESTS_CHANNEL } from "../../support/app-process";
import { cyberbizOrder } from "../../support/orders";
import { eventually, testServices } from "../../support/test-services";

let slack: LocalWorkspace;
let services: Services;
let workers: RunningWorkers | undefined;

beforeAll(async () => {
  slack = testWorkspace();
  await slack.start();
  services = testServices(slack.apiUrl, { WORKER_CONCURRENCY: "4" });
});

beforeEach(async () => {
  await workers?.close();
  workers = undefined;
});

afterAll(async () => {
  await workers?.close();
  await services?.close();
  await slack?.stop();
});

const posts = (order: Order) => slack.calls.filter((c) => c.method === "chat.postMessage" && c.body.channel === REQUESTS_CHANNEL && !c.body.thread_ts && String(c.body.text).includes(order.orderId));

/** Three requests, decided by one evaluate-requests job, so that one sync-requests job syncs them. */
async function fileThree(): Promise<{ orders: Order[]; ids: number[] }> {
  const orders = [cyberbizOrder(), cyberbizOrder(), cyberbizOrder()];
  await upsertOrders(services.db, orders);
  const ids: number[] = [];
  for (const order of orders) {
    const { id } = await fileRequest(services.db, {
      platform: "cyberbiz", orderId: order.orderId, kind: "cancel", initiator: "store", reason: "out_of_stock", currency: "TWD",
      notifyCustomer: false, flagCustomer: false, returnReceived: false, requestedAt: new Date(), requestedBy: "U0AGENT", origin: "slack",
    }, { type: "user", id: "U0AGENT" });
    ids.push(id);
  }
  await services.queues.enqueue("evaluate-requests", { requestIds: ids });
  return { orders, ids };
}

/** The sync-requests job that carried these requests' first change. */
async function chunkOf(ids: number[]) {
  return eventually(async () => {
    const jobs = await services.queues.queues.slack.getJobs(["completed", "active", "waiting"]);
    return jobs.find((j) => j.name === "sync-requests" && (j.data.changes as { requestId: number }[]).some((c) => c.requestId === ids[0]));
  }, 15_000, "the sync-requests job");
}

describe("sync-requests: many requests' Slack messages from one job", () => {
  it("a request whose sync lock is busy is handed to a sync-request of its own, and posted once the lock is free", async () => {
    const { orders, ids } = await fileThree();
    const busy = await tryLock(services.redis, syncLockKey(services, ids[1]!), 30_000, "another-job");
    expect(busy).not.toBeNull();
    workers = await startWorkers(services);
    await eventually(async () => posts(orders[0]!).length === 1 && posts(orders[2]!).length === 1, 15_000, "the two free requests posted");
    const alone = await eventually(async () => (await services.queues.queues.slack.getJob(`sync-${ids[1]}-v1`)) ?? undefined, 5_000, "the handed-over job");
    expect(alone.name).toBe("sync-request");
    expect(((await chunkOf(ids)).data.changes as { requestId: number }[]).map((c) => c.requestId)).toEqual(ids);
    expect(posts(orders[1]!)).toHaveLength(0);
    await busy!.release();
    await eventually(async () => posts(orders[1]!).length === 1, 15_000, "the third request posted");
    for (const order of orders) expect(posts(order)).toHaveLength(1);
  });

  it("a request whose Slack call fails is retried alone; the others are posted once and not again", async () => {
    const { orders, ids } = await fileThree();
    slack.failNext("chat.postMessage", { status: 503 }, 1, (body) => body.channel === REQUESTS_CHANNEL && String(body.text).includes(orders[0]!.orderId));
    workers = await startWorkers(services);
    await eventually(async () => orders.every((o) => posts(o).length >= 1), 15_000, "all three posted");
    expect(((await chunkOf(ids)).data.changes as { requestId: number }[]).map((c) => c.requestId)).toEqual(ids);
    const retried = await eventually(async () => (await services.queues.queues.slack.getJob(`sync-${ids[0]}-v1`)) ?? undefined, 5_000, "the job retrying it");
    expect(retried?.name).toBe("sync-request");
    await eventually(async () => retried.isCompleted(), 10_000, "the retry done");
    // The failed attempt reached the fake (recorded, answered 503), then one post that succeeded.
    expect(posts(orders[0]!)).toHaveLength(2);
    expect(posts(orders[1]!)).toHaveLength(1);
    expect(posts(orders[2]!)).toHaveLength(1);
    const rows = await services.db.refundRequest.findMany({ where: { id: { in: ids } } });
    expect(rows.every((r) => r.threadTs !== null)).toBe(true);
  });
});
