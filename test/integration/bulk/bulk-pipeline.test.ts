import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../../src/app/services";
import { startWorkers, type RunningWorkers } from "../../../src/queue/start-workers";
import { giveBatchVerdict } from "../../../src/use-cases/give-batch-verdict";
import { giveVerdictAndReply as giveVerdict } from "../../../src/slack/verdict-replies";
import { testWorkspace } from "../../support/test-workspace";
import type { LocalWorkspace } from "../../../src/local-workspace/local-workspace";
import { APPROVALS_CHANNEL, REQUESTS_CHANNEL } from "../../support/app-process";
import { confirmedBatch, servicesWithPolicy, storedOrders } from "../../support/bulk";
import { eventually } from "../../support/test-services";

// One approver up to 100,000 JPY; above, two. Nothing is approved automatically.
const POLICY = `
approvers: { users: [U0BOSS1, U0BOSS2, U0BOSS3, U0AGENT] }
thresholds:
  JPY: { autoApproveUpTo: 0, singleApproverUpTo: 100000 }
`;

const GOING_AHEAD = ["approved", "executing", "completed"];

let slack: LocalWorkspace;
let services: Services;
let workers: RunningWorkers;

beforeAll(async () => {
  slack = testWorkspace();
  await slack.start();
  services = servicesWithPolicy(slack.apiUrl, POLICY, { BULK_CHUNK_SIZE: "25", WORKER_CONCURRENCY: "4" });
  workers = await startWorkers(services);
});

afterAll(async () => {
  await workers?.close();
  await services?.close();
  await slack?.stop();
});

const finished = (batchId: string) =>
  eventually(async () => (await services.db.batch.findUnique({ where: { id: batchId } }))?.state === "finished", 20_000, `batch ${batchId} finished`);
const auditOf = async (batchId: string) => {
  const rows = await services.db.auditEvent.findMany({ where: { request: { batchId } }, orderBy: { id: "asc" } });
  const byRequest = new Map<number, string[]>();
  for (const row of rows) byRequest.set(row.requestId, [...(byRequest.get(row.requestId) ?? []), row.action]);
  return byRequest;
};

describe("a batch, end to end on the workers", () => {
  it("every member is decided once, one message shows the progress, the summary and the results CSV land in its thread", async () => {
    // 60 new orders (allowed), 10 shipped ones (a cancel is refused: a return instead, Q8).
    const orders = await storedOrders(services, 70, (i) => (i % 7 === 6 ? { status: "in_transit" } : {}));
    const batchId = await confirmedBatch(services, orders);
    await finished(batchId);

    const rows = await services.db.refundRequest.findMany({ where: { batchId } });
    expect(rows).toHaveLength(70);
    expect(rows.filter((r) => r.state === "awaiting_approval")).toHaveLength(60);
    expect(rows.filter((r) => r.state === "rejected")).toHaveLength(10);
    for (const actions of (await auditOf(batchId)).values()) expect(actions).toEqual(["filed", "decided"]);
    // 60 × 5,800 = 348,000 JPY: above the single-approver threshold, so every allowed member needs two, though each alone needs one.
    expect(rows.filter((r) => r.state === "awaiting_approval").every((r) => r.approvalsRequired === 2)).toBe(true);
    const decided = await services.db.auditEvent.findFirstOrThrow({ where: { request: { batchId }, action: "decided", toState: "awaiting_approval" } });
    expect(decided.detail).toMatchObject({ approvalsRequired: 2, because: "batch total 348000 JPY is above 100000: two approvers" });

    // One message in the requests channel, none per member; its last version says it is done.
    const summary = await slack.waitFor((c) => c.method === "chat.postMessage" && String(c.body.text).includes(`Batch ${batchId} finished`), 10_000, "the summary");
    const top = slack.calls.filter((c) => c.method === "chat.postMessage" && c.body.channel === REQUESTS_CHANNEL && !c.body.thread_ts);
    expect(top.filter((c) => String(c.body.text).includes(`Batch ${batchId} `))).toHaveLength(1);
    expect(top.some((c) => orders.some((o) => String(c.body.text).includes(o.orderId)))).toBe(false);
    const message = top.find((c) => String(c.body.text).includes(`Batch ${batchId} `))!;
    expect(summary.body.thread_ts).toBe(message.response?.ts);
    expect(String(summary.body.text)).toContain("70/70 done: 60 waiting for approval and 10 refused");
    expect(String(summary.body.text)).toContain("Refused by rule: Q8 ×10");
    // Posted once, then updated in place: its last version says every order is done.
    const versions = slack.calls.filter((c) => c === message || (c.method === "chat.update" && c.body.ts === message.response?.ts));
    expect(String(versions.at(-1)!.body.text)).toBe(`Batch ${batchId} · Cancel · 70 orders: 70/70 done: 60 waiting for approval and 10 refused`);

    const upload = await slack.waitFor((c) => c.method === "files.completeUploadExternal" && c.body.thread_ts === message.response?.ts, 10_000, "the results CSV");
    const fileId = (upload.body.files as { id: string }[])[0]!.id;
    const records = parse(slack.uploads.get(fileId)!, { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(70);
    expect(records.filter((r) => r.decision === "reject").map((r) => r.rules)).toEqual(Array(10).fill("Q8"));
    expect(new Set(records.map((r) => r.request_id))).toEqual(new Set(rows.map((r) => `RD-${r.id}`)));
    expect(records.find((r) => r.decision === "allow")).toMatchObject({ state: "awaiting_approval", amount: "5800", currency: "JPY" });

    // The batch approval message: approve all in one click, and the first members with their own buttons.
    const approval = await slack.waitFor((c) => c.method === "chat.postMessage" && c.body.channel === APPROVALS_CHANNEL && String(c.body.text).includes(`Batch ${batchId} `), 10_000, "the batch approval message");
    const blocks = JSON.stringify(approval.body.blocks);
    expect(blocks).toContain("Approve all 60 pending");
    expect(blocks).toContain("Two distinct approvers");
    expect(blocks.match(/"action_id":"approve_request"/g)).toHaveLength(10);
  });

  it("Approve all: never the requester, never a non-approver; two approvers at once give one effect per member", async () => {
    const orders = await storedOrders(services, 30);
    const batchId = await confirmedBatch(services, orders);
    await finished(batchId);
    const approval = await slack.waitFor((c) => c.method === "chat.postMessage" && c.body.channel === APPROVALS_CHANNEL && String(c.body.text).includes(`Batch ${batchId} `), 10_000, "the batch approval message");
    // 30 × 5,800 = 174,000: two approvers each. One member is approved on its own meanwhile.
    const [single] = await services.db.refundRequest.findMany({ where: { batchId }, orderBy: { id: "asc" }, take: 1 });

    expect(await giveBatchVerdict(services, { batchId, userId: "U0AGENT", verdict: "approve" })).toMatchObject({ done: false, kind: "refused", why: "own_batch" });
    expect(await giveBatchVerdict(services, { batchId, userId: "U0STRANGER", verdict: "approve" })).toMatchObject({ done: false, kind: "refused", why: "not_an_approver" });
    expect((await services.db.batchEvent.findMany({ where: { batchId, action: "approve_all_refused" } })).map((e) => (e.detail as { why: string }).why)).toEqual(["own_batch", "not_an_approver"]);

    const results = await Promise.all([
      giveBatchVerdict(services, { batchId, userId: "U0BOSS1", verdict: "approve" }),
      giveBatchVerdict(services, { batchId, userId: "U0BOSS2", verdict: "approve" }),
      giveBatchVerdict(services, { batchId, userId: "U0BOSS1", verdict: "approve" }),
      giveVerdict(services, { requestId: single!.id, userId: "U0BOSS3", verdict: "approve" }),
    ]);
    expect(results.filter((r) => r.done).length).toBeGreaterThanOrEqual(2);
    const rows = await services.db.refundRequest.findMany({ where: { batchId } });
    // Approved, and from there carried out like any approved request.
    expect(rows.every((r) => GOING_AHEAD.includes(r.state))).toBe(true);
    for (const [id, actions] of await auditOf(batchId)) {
      expect(actions.filter((a) => a === "approved"), `RD-${id}`).toHaveLength(1);
      expect(actions.slice(0, 2)).toEqual(["filed", "decided"]);
      expect(actions.length).toBeLessThanOrEqual(5);
    }
    const approvals = await services.db.approval.findMany({ where: { request: { batchId } } });
    const perMember = new Map<number, string[]>();
    for (const a of approvals) perMember.set(a.requestId, [...(perMember.get(a.requestId) ?? []), a.approverId]);
    for (const approvers of perMember.values()) expect(new Set(approvers).size).toBe(approvers.length);
    expect(await giveBatchVerdict(services, { batchId, userId: "U0BOSS3", verdict: "approve" })).toMatchObject({ done: false, kind: "none_pending", answers: expect.arrayContaining([expect.objectContaining({ approverId: "U0BOSS1", verdict: "approve" })]) });

    // The batch approval message loses its buttons; the thread tells who approved.
    await slack.waitFor((c) => c.method === "chat.update" && c.body.ts === approval.response?.ts && JSON.stringify(c.body.blocks).includes("Nothing waits for approval"), 10_000, "the approval message without buttons");
    await slack.waitFor((c) => c.method === "chat.postMessage" && Boolean(c.body.thread_ts) && /approved every pending order/.test(String(c.body.text)), 10_000, "the thread reply");
  });

  it("Reject all: every pending member is denied with the reason, in its own audit trail", async () => {
    const orders = await storedOrders(services, 5);
    const batchId = await confirmedBatch(services, orders);
    await finished(batchId);
    expect(await giveBatchVerdict(services, { batchId, userId: "U0BOSS1", verdict: "reject", reason: "Stock arrived after all" })).toMatchObject({ done: true, kind: "rejected", rejected: 5 });
    const denied = await services.db.auditEvent.findMany({ where: { request: { batchId }, action: "denied" } });
    expect(denied).toHaveLength(5);
    expect(denied[0]!.detail).toEqual({ approver: "U0BOSS1", reason: "Stock arrived after all", batchId });
  });

  it("a small batch under the threshold: one approver per member, and one click approves them all", async () => {
    const orders = await storedOrders(services, 3);
    const batchId = await confirmedBatch(services, orders);
    await finished(batchId);
    expect(await giveBatchVerdict(services, { batchId, userId: "U0BOSS1", verdict: "approve" })).toMatchObject({ done: true, kind: "approved", approved: 3, needMore: 0 });
    expect((await services.db.refundRequest.findMany({ where: { batchId } })).every((r) => GOING_AHEAD.includes(r.state))).toBe(true);
    await eventually(async () => (await services.db.refundRequest.count({ where: { batchId, state: "completed" } })) === 3 || undefined, 20_000, "the three carried out");
  });
});

describe("a batch's approval timers (reminder 1 s, escalation 2 s, expiry 3 s)", () => {
  let timed: Services;
  let timedWorkers: RunningWorkers;
  beforeAll(async () => {
    timed = servicesWithPolicy(slack.apiUrl, `${POLICY}fallbackApprover: U0FALLBACK\nreminders: { remindAfter: 1s, escalateAfter: 2s, expireAfter: 3s }\n`);
    timedWorkers = await startWorkers(timed);
  });
  afterAll(async () => {
    await timedWorkers?.close();
    await timed?.close();
  });

  it("one reminder, one escalation and one expiry for the whole batch; every pending member expires with its own audit row", async () => {
    const orders = await storedOrders(timed, 12);
    const batchId = await confirmedBatch(timed, orders, "U0REQUESTER");
    await eventually(async () => (await timed.db.refundRequest.count({ where: { batchId, state: "expired" } })) === 12 || undefined, 20_000, "every member expired");
    for (const actions of (await auditOf(batchId)).values()) expect(actions).toEqual(["filed", "decided", "expired"]);
    // The batch's own "expired" event is recorded just after its members move: wait for it too.
    const events = await eventually(async () => {
      const actions = (await timed.db.batchEvent.findMany({ where: { batchId }, orderBy: { id: "asc" } })).map((e) => e.action);
      return actions.includes("expired") ? actions : undefined;
    }, 5_000, "the batch's expired event");
    expect(events).toEqual(["confirmed", "filed", "finished", "reminder_sent", "escalated", "expired"]);
    // Per batch, not per member: the requester hears of each step once, the fallback approver is asked once.
    const told = await eventually(async () => {
      const texts = slack.calls.filter((c) => c.method === "chat.postMessage" && c.body.channel === "U0REQUESTER").map((c) => String(c.body.text));
      return texts.length >= 3 ? texts : undefined;
    }, 10_000, "the requester told three times");
    expect(told).toEqual([expect.stringContaining("reminded"), expect.stringContaining("escalated"), expect.stringContaining("12 orders of batch " + batchId + " expired")]);
    expect(slack.calls.filter((c) => c.method === "chat.postMessage" && c.body.channel === "U0FALLBACK" && String(c.body.text).includes(`batch ${batchId}`))).toHaveLength(1);
    expect(await giveBatchVerdict(timed, { batchId, userId: "U0BOSS1", verdict: "approve" })).toMatchObject({ done: false, kind: "none_pending" });
  });
});
