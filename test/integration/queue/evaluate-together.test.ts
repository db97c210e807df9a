import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Services } from "../../../src/app/services";
import { upsertOrders } from "../../../src/db/orders";
import type { Order } from "../../../src/domain/order";
import { MAX_SYNC_CHUNK } from "../../../src/queue/job-definitions";
import { evaluateRequestsTogether } from "../../../src/use-cases/evaluate-requests-together";
import { fileRefundRequest } from "../../../src/use-cases/file-request";
import { cyberbizOrder } from "../../support/orders";
import { eventually, testServices } from "../../support/test-services";

let services: Services;

beforeAll(() => {
  // No workers: this file runs the evaluation itself and reads what it queued.
  services = testServices("http://127.0.0.1:9/api/");
});

afterAll(async () => {
  await services?.close();
});

function file(order: Order) {
  return fileRefundRequest(services, {
    order, kind: "refund", initiator: "store", reason: "defective_item", amount: 500, notifyCustomer: false, flagCustomer: false, returnReceived: false,
    requestedAt: new Date(), actor: { type: "user", id: "U0AGENT" }, origin: "slack", originChannel: "C0SUPPORT",
  });
}

async function jobsNamed(queue: "requests" | "slack", name: string) {
  const jobs = await services.queues.queues[queue].getJobs(["waiting", "delayed", "prioritized"]);
  return jobs.filter((j) => j.name === name);
}

const auditOf = (ids: number[]) => services.db.auditEvent.findMany({ where: { requestId: { in: ids }, action: "decided" } });

describe("requests filed on their own are decided together", () => {
  const orders = Array.from({ length: MAX_SYNC_CHUNK + 10 }, () => cyberbizOrder({ status: "shipped" }));
  let ids: number[] = [];

  it("filed within a few milliseconds, they are queued in evaluate-requests jobs, one per window, each request in one", async () => {
    await upsertOrders(services.db, orders);
    ids = (await Promise.all(orders.map(file))).map((f) => f.id);
    const queued = async () => (await jobsNamed("requests", "evaluate-requests")).flatMap((j) => j.data.requestIds as number[]);
    await eventually(async () => (await queued()).length === ids.length, 5_000, "every request queued");
    expect((await queued()).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    // Sixty filings take a few windows at most: far fewer jobs than requests.
    expect((await jobsNamed("requests", "evaluate-requests")).length).toBeLessThan(ids.length / 5);
    expect(await jobsNamed("requests", "evaluate-request")).toHaveLength(0);
  });

  it("one run decides them all, with one audit row each, and queues their Slack syncs in chunks; a pending approval's timers are set in Postgres, not queued", async () => {
    const { decided } = await evaluateRequestsTogether(services, ids);
    expect(decided).toBe(ids.length);
    const rows = await services.db.refundRequest.findMany({ where: { id: { in: ids } } });
    expect(rows.filter((r) => r.state === "submitted")).toHaveLength(0);
    for (const row of rows) {
      expect(row.decision).toMatchObject({ outcome: expect.any(String), ruleIds: expect.any(Array) });
      expect(row.version).toBe(1);
    }
    expect(await auditOf(ids)).toHaveLength(ids.length);

    const syncs = await jobsNamed("slack", "sync-requests");
    expect(syncs).toHaveLength(2);
    const synced = syncs.flatMap((j) => j.data.changes as { requestId: number; change: string }[]);
    expect(synced.map((c) => c.requestId).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(synced.map((c) => c.change))).toEqual(new Set(["v1"]));
    expect(await jobsNamed("slack", "sync-request")).toHaveLength(0);

    const pending = rows.filter((r) => r.state === "awaiting_approval").map((r) => r.id);
    expect(pending.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.approvalTimerAt !== null).map((r) => r.id).sort((a, b) => a - b)).toEqual([...pending].sort((a, b) => a - b));
    expect((await jobsNamed("requests", "approval-timer")).filter((j) => ids.includes(j.data.requestId as number))).toHaveLength(0);
  });

  it("a second run (a retried job) decides nothing again and queues nothing new", async () => {
    const before = { syncs: (await jobsNamed("slack", "sync-requests")).length, timers: await services.db.refundRequest.findMany({ where: { id: { in: ids } }, select: { id: true, approvalTimerAt: true }, orderBy: { id: "asc" } }) };
    const { decided } = await evaluateRequestsTogether(services, ids);
    expect(decided).toBe(0);
    expect(await auditOf(ids)).toHaveLength(ids.length);
    expect((await jobsNamed("slack", "sync-requests")).length).toBe(before.syncs);
    expect(await services.db.refundRequest.findMany({ where: { id: { in: ids } }, select: { id: true, approvalTimerAt: true }, orderBy: { id: "asc" } })).toEqual(before.timers);
  });

  it("a run over requests of which one was decided before decides the others with their stored orders, and queues what follows for all", async () => {
    const stored = [cyberbizOrder({ status: "shipped" }), cyberbizOrder({ status: "shipped" }), cyberbizOrder({ status: "shipped", refunded: 600 })];
    await upsertOrders(services.db, stored);
    const filed = (await Promise.all(stored.map(file))).map((f) => f.id);
    expect((await evaluateRequestsTogether(services, [filed[0]!])).decided).toBe(1);
    const syncsBefore = new Set((await jobsNamed("slack", "sync-requests")).map((j) => j.id));
    const lookup = vi.spyOn(services.orders, "get");
    try {
      // An id given twice is decided once.
      expect((await evaluateRequestsTogether(services, [...filed, filed[1]!])).decided).toBe(2);
      // Every order was in the store: the order directory was not asked.
      expect(lookup).not.toHaveBeenCalled();
    } finally {
      lookup.mockRestore();
    }
    const rows = await services.db.refundRequest.findMany({ where: { id: { in: filed } }, orderBy: { id: "asc" } });
    expect(rows.map((r) => r.version)).toEqual([1, 1, 1]);
    // Decided against its own stored order: the snapshot kept is the one with 600 refunded already.
    expect(rows[2]!.orderSnapshot).toMatchObject({ orderId: stored[2]!.orderId, refunded: 600 });
    const queuedNow = (await jobsNamed("slack", "sync-requests")).filter((j) => !syncsBefore.has(j.id)).flatMap((j) => j.data.changes as { requestId: number }[]);
    expect(queuedNow.map((c) => c.requestId).sort((a, b) => a - b)).toEqual([...filed].sort((a, b) => a - b));
  });

  it("a request whose order lookup throws stays submitted for a job of its own; the others are decided", async () => {
    const known = [cyberbizOrder({ status: "shipped" }), cyberbizOrder({ status: "shipped" })];
    const unknown = cyberbizOrder({ status: "shipped" });
    await upsertOrders(services.db, known);
    const filed = await Promise.all([...known, unknown].map(file));
    const lookup = vi.spyOn(services.orders, "get").mockImplementation(async (_platform, orderId) => {
      if (orderId === unknown.orderId) throw new Error("the platform's API is down");
      return null;
    });
    try {
      const { decided } = await evaluateRequestsTogether(services, filed.map((f) => f.id));
      expect(decided).toBe(2);
    } finally {
      lookup.mockRestore();
    }
    const left = await services.db.refundRequest.findUniqueOrThrow({ where: { id: filed[2]!.id } });
    expect(left.state).toBe("submitted");
    expect((await jobsNamed("requests", "evaluate-request")).map((j) => j.data.requestId)).toEqual([filed[2]!.id]);
    const decidedRows = await services.db.refundRequest.findMany({ where: { id: { in: [filed[0]!.id, filed[1]!.id] } } });
    expect(decidedRows.every((r) => r.state !== "submitted")).toBe(true);
  });
});
