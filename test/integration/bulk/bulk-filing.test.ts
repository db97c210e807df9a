import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../../src/app/services";
import { fileBatchMembers } from "../../../src/db/batch-member-filing";
import { batchItems, createDraftBatch, getBatch } from "../../../src/db/batches";
import { skippedOf } from "../../../src/domain/bulk/batch-items";
import { fileBatch } from "../../../src/use-cases/file-batch";
import { evaluateBatchSlice } from "../../../src/use-cases/evaluate-batch";
import { sweepBatchesProcessor } from "../../../src/queue/processors/sweep-batches";
import type { ProcessorContext } from "../../../src/queue/processor";
import { testWorkspace } from "../../support/test-workspace";
import type { LocalWorkspace } from "../../../src/local-workspace/local-workspace";
import { confirmedBatch, servicesWithPolicy, storedOrders } from "../../support/bulk";

const POLICY = `
approvers: { users: [U0BOSS1, U0BOSS2] }
thresholds:
  JPY: { autoApproveUpTo: 0, singleApproverUpTo: 100000 }
`;

let slack: LocalWorkspace;
let services: Services;

beforeAll(async () => {
  slack = testWorkspace();
  await slack.start();
  // No workers: this file looks at what filing writes and queues, before anything runs.
  services = servicesWithPolicy(slack.apiUrl, POLICY, { BULK_CHUNK_SIZE: "40" });
});

afterAll(async () => {
  await services?.close();
  await slack?.stop();
});

const members = (batchId: string) => services.db.refundRequest.findMany({ where: { batchId }, orderBy: { id: "asc" } });
const auditRows = (ids: number[]) => services.db.auditEvent.findMany({ where: { requestId: { in: ids } } });

async function queuedSlices(batchId: string): Promise<{ chunk: number; requestIds: number[] }[]> {
  const jobs = await services.queues.queues.requests.getJobs(["waiting", "delayed", "prioritized", "active"]);
  return jobs.filter((j) => j?.name === "evaluate-batch" && j.data.batchId === batchId).map((j) => ({ chunk: j.data.chunk, requestIds: j.data.requestIds }));
}

describe("a draft batch", () => {
  it("keeps what the agent reviews: every line in order with its own fields, the ids skipped, the shared fields, who and where", async () => {
    const items = Array.from({ length: 10_000 }, (_, i) => ({
      platform: i % 2 ? ("qoo10" as const) : ("cyberbiz" as const),
      orderId: `DRAFT-${i}`,
      currency: i % 2 ? "JPY" : "TWD",
      ...(i % 3 === 0 ? { reason: "out_of_stock" as const, amount: i + 1, line: i + 2 } : {}),
    }));
    const skipped = [
      { ref: "NOPE-1", why: "unknown" as const, line: 3 },
      { ref: "TWICE-1", why: "ambiguous" as const, platforms: ["cyberbiz" as const, "qoo10" as const] },
    ];
    const shared = { kind: "refund" as const, initiator: "customer" as const, notifyCustomer: false, flagCustomer: true, returnReceived: true, note: "rain 'damage' \\ \"wet\"" };
    const id = await createDraftBatch(services.db, { shared, createdBy: "U0AGENT", originChannel: "C0SUPPORT", source: "csv", items, skipped });

    expect(id).toMatch(/^B\d+$/);
    expect(await batchItems(services.db, id)).toEqual(items);
    const batch = await getBatch(services.db, id);
    expect(skippedOf(batch!)).toEqual(skipped);
    expect(batch).toMatchObject({ state: "draft", kind: "refund", initiator: "customer", reason: null, notifyCustomer: false, flagCustomer: true, returnReceived: true, note: shared.note, createdBy: "U0AGENT", originChannel: "C0SUPPORT", source: "csv", itemCount: 10_000, confirmedAt: null });
    expect(Math.abs(batch!.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
  });
});

describe("filing a batch", () => {
  it("writes one request and one audit row per order, keyed by batch and order, and queues every member's evaluation", async () => {
    const orders = await storedOrders(services, 150);
    const batchId = await confirmedBatch(services, orders);
    await fileBatch(services, batchId);

    const rows = await members(batchId);
    expect(rows).toHaveLength(150);
    expect(rows.map((r) => r.orderId)).toEqual(orders.map((o) => o.orderId));
    expect(new Set(rows.map((r) => r.idempotencyKey))).toEqual(new Set(orders.map((o) => `batch:${batchId}:qoo10:${o.orderId}`)));
    expect(rows.every((r) => r.state === "submitted" && r.origin === "bulk" && r.kind === "cancel" && r.reason === "out_of_stock" && r.requestedBy === "U0AGENT" && r.notifyCustomer)).toBe(true);
    const audit = await auditRows(rows.map((r) => r.id));
    expect(audit).toHaveLength(150);
    expect(audit.every((e) => e.action === "filed" && e.actor === "U0AGENT" && e.toState === "submitted")).toBe(true);
    expect(audit[0]!.detail).toEqual({ origin: "bulk", batchId });

    // Slices of BULK_CHUNK_SIZE, in input order, covering every member once: 40 + 40 + 40 + 30.
    const slices = (await queuedSlices(batchId)).sort((a, b) => a.chunk - b.chunk);
    expect(slices.map((s) => s.requestIds.length)).toEqual([40, 40, 40, 30]);
    expect(slices.flatMap((s) => s.requestIds)).toEqual(rows.map((r) => r.id));
    const batch = await getBatch(services.db, batchId);
    expect(batch).toMatchObject({ state: "running", itemCount: 150 });
    // The thresholds apply to the total too: 150 × 5,800 JPY is above 100,000, so every member will need two approvers.
    expect(batch!.approvalFloor).toEqual({ JPY: { approvalsRequired: 2, total: 870_000, because: "batch total 870000 JPY is above 100000: two approvers" } });
  });

  it("the batch total counts every member, however many slices its dry run takes (1,000 members each)", async () => {
    const orders = await storedOrders(services, 2_345);
    const batchId = await confirmedBatch(services, orders);
    await fileBatch(services, batchId);
    const batch = await getBatch(services.db, batchId);
    expect(batch!.approvalFloor).toEqual({ JPY: { approvalsRequired: 2, total: 2_345 * 5_800, because: `batch total ${2_345 * 5_800} JPY is above 100000: two approvers` } });
    expect(await services.db.refundRequest.count({ where: { batchId } })).toBe(2_345);
    // The batch's lines are read on their own: the batch as every other reader sees it does not carry them.
    expect(batch).not.toHaveProperty("items");
    expect((await batchItems(services.db, batchId)).map((item) => item.orderId)).toEqual(orders.map((o) => o.orderId));
  });

  it("filed again (a resumed job), or after dying half-way, it files no order twice and queues the same slices", async () => {
    const orders = await storedOrders(services, 90);
    const batchId = await confirmedBatch(services, orders);
    // A first run died after storing the first 30 members.
    const batch = (await getBatch(services.db, batchId))!;
    expect(await fileBatchMembers(services.db, batch, (await batchItems(services.db, batchId)).slice(0, 30), { type: "user", id: "U0AGENT" })).toBe(30);
    await fileBatch(services, batchId);
    await fileBatch(services, batchId);
    await Promise.all([fileBatch(services, batchId), fileBatch(services, batchId)]);

    const rows = await members(batchId);
    expect(rows).toHaveLength(90);
    expect(new Set(rows.map((r) => r.orderId)).size).toBe(90);
    expect(await auditRows(rows.map((r) => r.id))).toHaveLength(90);
    const slices = await queuedSlices(batchId);
    expect(slices.map((s) => s.chunk).sort()).toEqual([0, 1, 2]);
    expect(slices.flatMap((s) => s.requestIds).sort((a, b) => a - b)).toEqual(rows.map((r) => r.id));
    expect(await services.db.batchEvent.count({ where: { batchId, action: "filed" } })).toBe(1);
  });

  it("a draft is not filed until it is confirmed, and is confirmed once", async () => {
    const { draftBatch, confirmDraft } = await import("../../../src/use-cases/file-batch");
    const orders = await storedOrders(services, 3);
    const { batchId } = await draftBatch(services, { lines: orders.map((o) => ({ ref: { orderId: o.orderId } })), source: "command", shared: { kind: "cancel", initiator: "store", notifyCustomer: false, flagCustomer: false, returnReceived: false }, createdBy: "U0AGENT" });
    await fileBatch(services, batchId!);
    expect(await members(batchId!)).toHaveLength(0);
    const shared = { kind: "cancel" as const, initiator: "store" as const, reason: "out_of_stock" as const, notifyCustomer: false, flagCustomer: false, returnReceived: false };
    expect((await confirmDraft(services, batchId!, "U0OTHER", shared)).kind).toBe("not_yours");
    const results = await Promise.all([confirmDraft(services, batchId!, "U0AGENT", shared), confirmDraft(services, batchId!, "U0AGENT", shared)]);
    expect(results.map((r) => r.kind).sort()).toEqual(["already", "confirmed"]);
    expect(await services.db.batchEvent.count({ where: { batchId: batchId!, action: "confirmed" } })).toBe(1);
  });
});

describe("deciding a slice", () => {
  it("one order that cannot be decided never stops the others, and a second run decides nothing twice", async () => {
    const orders = await storedOrders(services, 6);
    const batchId = await confirmedBatch(services, orders);
    await fileBatch(services, batchId);
    const rows = await members(batchId);
    // One order left the store; one member's stored reason is not in the rules' vocabulary.
    await services.db.order.delete({ where: { platform_orderId: { platform: "qoo10", orderId: orders[1]!.orderId } } });
    await services.db.refundRequest.update({ where: { id: rows[2]!.id }, data: { reason: "bogus" } });

    expect(await evaluateBatchSlice(services, batchId, rows.map((r) => r.id))).toEqual({ decided: 6 });
    expect(await evaluateBatchSlice(services, batchId, rows.map((r) => r.id))).toEqual({ decided: 0 });
    const after = await members(batchId);
    expect(after.map((r) => r.state)).toEqual(["awaiting_approval", "rejected", "rejected", "awaiting_approval", "awaiting_approval", "awaiting_approval"]);
    const actions = await services.db.auditEvent.findMany({ where: { requestId: { in: rows.map((r) => r.id) }, NOT: { action: "filed" } }, orderBy: { requestId: "asc" } });
    expect(actions.map((a) => a.action)).toEqual(["decided", "order_not_found", "evaluation_failed", "decided", "decided", "decided"]);
    expect(actions[0]!.detail).toMatchObject({ outcome: "allow", ruleIds: expect.arrayContaining(["Q3"]), approvalsRequired: 1 });
    expect(after[0]!.engineVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(after[0]!.orderSnapshot).toMatchObject({ orderId: orders[0]!.orderId });
    // Every member decided: the batch finished, once.
    expect((await getBatch(services.db, batchId))?.state).toBe("finished");
    expect(await services.db.batchEvent.count({ where: { batchId, action: "finished" } })).toBe(1);
  });

  it("a slice decides only its own batch's members, each once, whatever ids it is given", async () => {
    const [mine, theirs] = [await confirmedBatch(services, await storedOrders(services, 3)), await confirmedBatch(services, await storedOrders(services, 2))];
    await fileBatch(services, mine);
    await fileBatch(services, theirs);
    const [myIds, theirIds] = [(await members(mine)).map((r) => r.id), (await members(theirs)).map((r) => r.id)];
    expect(await evaluateBatchSlice(services, mine, [...myIds, theirIds[0]!, myIds[0]!])).toEqual({ decided: 3 });
    expect((await members(theirs)).map((r) => r.state)).toEqual(["submitted", "submitted"]);
    expect(await services.db.auditEvent.count({ where: { requestId: { in: myIds }, action: "decided" } })).toBe(3);
  });
});

describe("the batch sweeper", () => {
  it("files a confirmed batch whose filing job was lost, and forgets drafts older than a day", async () => {
    const orders = await storedOrders(services, 4);
    const batchId = await confirmedBatch(services, orders);
    await (await services.queues.queues.requests.getJob(`file-batch-${batchId}`))?.remove();
    const { draftBatch } = await import("../../../src/use-cases/file-batch");
    const { batchId: draftId } = await draftBatch(services, { lines: orders.map((o) => ({ ref: { orderId: o.orderId } })), source: "command", shared: { kind: "cancel", initiator: "store", notifyCustomer: false, flagCustomer: false, returnReceived: false }, createdBy: "U0AGENT" });

    // Seconds later, nothing happens to either; a day later, the filing is queued again and the draft is gone.
    const context = { log: services.log } as unknown as ProcessorContext;
    const realNow = services.now;
    try {
      services.now = () => new Date(Date.now() + 2_000);
      await sweepBatchesProcessor(services)({}, context);
      expect(await services.queues.queues.requests.getJob(`file-batch-${batchId}`)).toBeUndefined();
      services.now = () => new Date(Date.now() + 25 * 3_600_000);
      await sweepBatchesProcessor(services)({}, context);
    } finally {
      services.now = realNow;
    }
    const job = await services.queues.queues.requests.getJob(`file-batch-${batchId}`);
    expect(job?.data).toEqual({ batchId });
    expect(await getBatch(services.db, draftId!)).toBeNull();
    expect(await getBatch(services.db, batchId)).not.toBeNull();
  });
});
