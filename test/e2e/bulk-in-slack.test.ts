import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client";
import { upsertOrders } from "../../src/db/orders";
import type { Order } from "../../src/domain/order";
import { testWorkspace } from "../support/test-workspace";
import type { LocalWorkspace } from "../../src/local-workspace/local-workspace";
import type { SlackCall } from "../../src/local-workspace/workspace-types";
import { APPROVALS_CHANNEL, REQUESTS_CHANNEL, appEnv, startApp, type AppProcess } from "../support/app-process";
import { cyberbizOrder, qoo10Order } from "../support/orders";
import { SlackDriver, type View } from "../support/slack-driver";
import { viewSubmission } from "../support/slack-requests";
import { testDb } from "../support/test-db";
import { eventually } from "../support/test-services";

// Nothing approved automatically; one approver up to 1,000,000 JPY, two above (per order and per batch total).
const POLICY = `
approvers: { users: [U0BOSS1, U0BOSS2, U0AGENT] }
thresholds:
  JPY: { autoApproveUpTo: 0, singleApproverUpTo: 1000000 }
  TWD: { autoApproveUpTo: 0, singleApproverUpTo: 100000 }
`;

const node = (entry: string) => [process.execPath, "--import", "tsx", `src/entry/${entry}.ts`];

let slack: LocalWorkspace;
let db: Db;
let env: Record<string, string>;
let web: AppProcess;
let worker: AppProcess;
let driver: SlackDriver;

const startWorker = () => startApp({ command: node("worker"), env, readyMessage: "worker: processing jobs" });

beforeAll(async () => {
  slack = testWorkspace();
  await slack.start();
  db = testDb();
  const dir = mkdtempSync(join(tmpdir(), "rd-bulk-"));
  writeFileSync(join(dir, "refund-desk.config.yaml"), POLICY);
  // Small slices and one job at a time, so that the worker can be killed with part of the batch decided.
  env = appEnv(slack.apiUrl, { REFUND_DESK_CONFIG: join(dir, "refund-desk.config.yaml"), BULK_CHUNK_SIZE: "5", WORKER_CONCURRENCY: "1" });
  // Web and worker as separate processes (Procfile), sharing the database and the queues.
  web = await startApp({ command: node("web"), env });
  worker = await startWorker();
  driver = new SlackDriver(() => web.baseUrl, slack);
});

afterAll(async () => {
  await worker?.stop();
  await web?.stop();
  await slack?.stop();
  await db?.$disconnect();
});

const batchOf = async (orderId: string) => (await db.refundRequest.findFirstOrThrow({ where: { orderId, origin: "bulk" } })).batchId!;
const decidedCount = (batchId: string) => db.refundRequest.count({ where: { batchId, state: { not: "submitted" } } });
const lastVersionOf = (message: SlackCall) => slack.calls.filter((c) => c === message || (c.method === "chat.update" && c.body.ts === message.response?.ts)).at(-1)!;

async function resultsCsvOf(threadTs: string): Promise<Record<string, string>[]> {
  const upload = await slack.waitFor((c) => c.method === "files.completeUploadExternal" && c.body.thread_ts === threadTs, 20_000, "the results CSV");
  const fileId = (upload.body.files as { id: string }[])[0]!.id;
  return parse(slack.uploads.get(fileId)!, { columns: true }) as Record<string, string>[];
}

describe("a bulk cancel of 500 orders from Slack", () => {
  it("completes with a correct summary though its worker is killed half-way: no order filed or decided twice", { timeout: 240_000 }, async () => {
    // A bad day: 480 orders out of stock (new, allowed), 20 already on their way (a cancel is refused: Q8).
    const orders: Order[] = Array.from({ length: 500 }, (_, i) => qoo10Order({ status: i % 25 === 24 ? "in_transit" : "new" }));
    await upsertOrders(db, orders);
    const view = await driver.openBulkModal("/cancel", orders.map((o) => o.orderId).join("\n"));
    expect(view.callback_id).toBe("bulk_modal");
    expect(JSON.stringify(view.blocks)).toContain("500 orders recognised* (Qoo10 500)");
    const submitted = await driver.submit(driver.fillBulk(view, { kind: "cancel", initiator: "store", reason: "out_of_stock", options: ["notify_customer"] }));
    expect(await submitted.text()).toBe("");
    const batchId = await eventually(async () => (await db.refundRequest.findFirst({ where: { orderId: orders[0]!.orderId } }))?.batchId ?? undefined, 20_000, "the batch filed");

    // Kill the worker (no goodbye: SIGKILL) once part of the batch is decided, then start another.
    await eventually(async () => (await decidedCount(batchId)) >= 100 || undefined, 60_000, "100 orders decided");
    await worker.stop("SIGKILL");
    const decidedAtKill = await decidedCount(batchId);
    expect(decidedAtKill).toBeGreaterThan(0);
    expect(decidedAtKill).toBeLessThan(500);
    worker = await startWorker();

    await eventually(async () => (await db.batch.findUnique({ where: { id: batchId } }))?.state === "finished", 180_000, "the batch finished after the restart");

    // Every order filed once and decided once, each its own request with its own trail.
    const rows = await db.refundRequest.findMany({ where: { orderId: { in: orders.map((o) => o.orderId) } } });
    expect(rows).toHaveLength(500);
    expect(new Set(rows.map((r) => r.orderId)).size).toBe(500);
    expect(rows.every((r) => r.batchId === batchId && r.origin === "bulk")).toBe(true);
    const audit = await db.auditEvent.groupBy({ by: ["requestId", "action"], where: { requestId: { in: rows.map((r) => r.id) } }, _count: true });
    expect(audit).toHaveLength(1000);
    expect(audit.every((a) => a._count === 1 && (a.action === "filed" || a.action === "decided"))).toBe(true);
    const byState = (state: string) => rows.filter((r) => r.state === state).length;
    expect(byState("awaiting_approval")).toBe(480);
    expect(byState("rejected")).toBe(20);

    // One message in the requests channel (none per order), its last version the final count.
    const messages = slack.calls.filter((c) => c.method === "chat.postMessage" && c.body.channel === REQUESTS_CHANNEL && !c.body.thread_ts && String(c.body.text).startsWith(`Batch ${batchId} `));
    expect(messages).toHaveLength(1);
    expect(slack.calls.filter((c) => c.method === "chat.postMessage" && c.body.channel === REQUESTS_CHANNEL && !c.body.thread_ts && String(c.body.text).includes(orders[1]!.orderId))).toHaveLength(0);
    const threadTs = messages[0]!.response!.ts as string;
    await eventually(async () => String(lastVersionOf(messages[0]!).body.text).includes("500/500 done") || undefined, 20_000, "the message at 500/500");
    expect(String(lastVersionOf(messages[0]!).body.text)).toBe(`Batch ${batchId} · Cancel · 500 orders: 500/500 done: 480 waiting for approval and 20 refused`);
    // Updated in place, at most about once a second: never once per order.
    expect(slack.calls.filter((c) => c.method === "chat.update" && c.body.ts === threadTs).length).toBeLessThan(100);

    const summary = await slack.waitFor((c) => c.method === "chat.postMessage" && c.body.thread_ts === threadTs && String(c.body.text).includes("finished"), 20_000, "the summary");
    expect(String(summary.body.text)).toContain(`Batch ${batchId} finished`);
    expect(String(summary.body.text)).toContain("500/500 done: 480 waiting for approval and 20 refused");
    expect(String(summary.body.text)).toContain("Refused by rule: Q8 ×20");
    const records = await resultsCsvOf(threadTs);
    expect(records).toHaveLength(500);
    expect(new Set(records.map((r) => r.request_id))).toEqual(new Set(rows.map((r) => `RD-${r.id}`)));
    for (const row of rows) expect(records.find((r) => r.request_id === `RD-${row.id}`)).toMatchObject({ order_id: row.orderId, state: row.state });
    expect(slack.calls.filter((c) => c.method === "files.completeUploadExternal" && c.body.thread_ts === threadTs)).toHaveLength(1);

    // The agent was told once, privately, where to follow it.
    expect(slack.calls.filter((c) => c.method === "chat.postEphemeral" && String(c.body.text).includes(`batch ${batchId}*`))).toHaveLength(1);

    // 480 × 5,800 = 2,784,000 JPY: over the single-approver threshold, so the batch needs two approvers.
    const approval = await slack.waitFor((c) => c.method === "chat.postMessage" && c.body.channel === APPROVALS_CHANNEL && String(c.body.text).includes(`Batch ${batchId} `), 20_000, "the batch approval message");
    expect(JSON.stringify(approval.body.blocks)).toContain("Approve all 480 pending");
    const own = await driver.click("approve_batch", batchId, "U0AGENT");
    expect((await driver.clickAnswer(own.responseId)).body.text).toContain("four eyes");
    const first = await driver.click("approve_batch", batchId, "U0BOSS1");
    expect((await driver.clickAnswer(first.responseId)).body.text).toBe(`Batch ${batchId}: 480 orders need one more approver.`);
    const second = await driver.click("approve_batch", batchId, "U0BOSS2");
    expect((await driver.clickAnswer(second.responseId)).body.text).toBe(`Batch ${batchId}: approved 480 orders.`);
    expect(await db.refundRequest.count({ where: { batchId, state: { in: ["approved", "executing", "completed"] } } })).toBe(480);
    expect(await db.auditEvent.count({ where: { request: { batchId }, action: "approved" } })).toBe(480);
    await slack.waitFor((c) => c.method === "chat.update" && c.body.ts === approval.response?.ts && JSON.stringify(c.body.blocks).includes("Nothing waits for approval"), 20_000, "the approval message settled");

    // Then each is carried out like any approved request, and the batch message follows: 480 cancelled.
    await eventually(async () => (await db.refundRequest.count({ where: { batchId, state: "completed" } })) === 480 || undefined, 120_000, "480 orders cancelled");
    await eventually(async () => String(lastVersionOf(messages[0]!).body.text).endsWith("500/500 done: 480 cancelled and 20 refused") || undefined, 20_000, "the message at 480 cancelled");
    expect(await db.order.count({ where: { orderId: { in: orders.map((o) => o.orderId) }, status: "cancelled" } })).toBe(480);
  });
});

describe("a bulk request from a CSV file", () => {
  async function openCsvModal(): Promise<View> {
    return driver.openBulkModal("/refund", "bulk");
  }

  it("shows bad lines with their numbers in the modal, then unknown ids in the review, then files what was recognised", { timeout: 120_000 }, async () => {
    const [a, b] = [cyberbizOrder({ paymentMethod: "credit_card", total: 2_000 }), cyberbizOrder({ paymentMethod: "credit_card", total: 3_000 })];
    await upsertOrders(db, [a, b]);
    const view = await openCsvModal();
    expect(view.callback_id).toBe("bulk_csv_modal");

    const bad = slack.hostFile("orders.csv", `order_id,reason,amount\n${a.orderId},defective_item,1.5\n${b.orderId},because\n`);
    const refused = await driver.submit(driver.fillBulk(view, { kind: "refund", initiator: "customer", fileId: bad }));
    expect(await refused.json()).toEqual({
      response_action: "errors",
      errors: { bulk_file: expect.stringMatching(/^Line 2: amount "1\.5" is not a positive whole number.*Line 3: unknown reason "because"/) },
    });

    // An amount no order can grant (beyond a 32-bit integer, above the total) is shown before anything is filed.
    const batchesBefore = await db.batch.count();
    const huge = slack.hostFile("orders.csv", `order_id,reason,amount\n${a.orderId},defective_item,999999999999\n${b.orderId},wrong_item\n`);
    const tooMuch = await driver.submit(driver.fillBulk(view, { kind: "refund", initiator: "customer", fileId: huge }));
    expect(await tooMuch.json()).toEqual({
      response_action: "errors",
      errors: { bulk_file: expect.stringMatching(/^Line 2: 999,999,999,999 is more than order [A-Z0-9]+'s total \(NT\$2,000\)\. No amount above an order's total can be refunded/) },
    });
    expect(await db.batch.count()).toBe(batchesBefore);

    const good = slack.hostFile("orders.csv", `order_id,reason,amount\n${a.orderId},defective_item,500\nNO-SUCH-ORDER,defective_item\n${b.orderId},wrong_item\n`);
    const reviewed = await driver.submit(driver.fillBulk(view, { kind: "refund", initiator: "customer", fileId: good, note: "Recall of batch 7" }));
    const answer = (await reviewed.json()) as { response_action: string; view: View & { submit: { text: string } } };
    expect(answer.response_action).toBe("update");
    expect(answer.view.callback_id).toBe("bulk_review");
    expect(answer.view.submit.text).toBe("File 2 requests");
    expect(JSON.stringify(answer.view.blocks)).toContain("1 id not in the order store: `NO-SUCH-ORDER`");
    // The bot downloaded the file with its own token.
    expect(slack.calls.some((c) => c.method === `download:${good}` && c.token === "xoxb-test-token")).toBe(true);

    const filed = await driver.submit(viewSubmission({ ...answer.view, id: "VREVIEW1" }, {}, "U0AGENT"));
    expect(await filed.text()).toBe("");
    const batchId = await eventually(async () => (await db.refundRequest.findFirst({ where: { orderId: a.orderId, origin: "bulk" } }))?.batchId ?? undefined, 20_000, "the batch filed");
    await eventually(async () => (await db.batch.findUnique({ where: { id: batchId } }))?.state === "finished", 60_000, "the batch finished");
    const rows = await db.refundRequest.findMany({ where: { batchId }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.orderId, r.reason, r.amount, r.note])).toEqual([
      [a.orderId, "defective_item", 500n, "Recall of batch 7"],
      [b.orderId, "wrong_item", null, "Recall of batch 7"],
    ]);
    expect(await batchOf(a.orderId)).toBe(batchId);
    const message = await slack.waitFor((c) => c.method === "chat.postMessage" && c.body.channel === REQUESTS_CHANNEL && String(c.body.text).startsWith(`Batch ${batchId} `), 20_000, "the batch message");
    const records = await resultsCsvOf(message.response!.ts as string);
    expect(records.map((r) => [r.order_id, r.line, r.decision])).toEqual([
      [a.orderId, "2", "allow"],
      [b.orderId, "4", "allow"],
      ["NO-SUCH-ORDER", "3", "skipped"],
    ]);
    expect(records.find((r) => r.order_id === a.orderId)).toMatchObject({ amount: "500", currency: "TWD" });
  });

  it("pasted lines work the same; pasting and uploading at once, or neither, is refused in place", async () => {
    const order = qoo10Order();
    await upsertOrders(db, [order]);
    const view = await openCsvModal();
    const neither = await driver.submit(driver.fillBulk(view, { kind: "cancel", initiator: "store", reason: "out_of_stock" }));
    expect(await neither.json()).toMatchObject({ response_action: "errors", errors: { bulk_csv: expect.stringContaining("Paste the lines") } });
    const both = await driver.submit(driver.fillBulk(view, { kind: "cancel", initiator: "store", reason: "out_of_stock", csv: order.orderId, fileId: slack.hostFile("x.csv", order.orderId) }));
    expect(await both.json()).toMatchObject({ response_action: "errors", errors: { bulk_csv: "Paste the lines or upload a file, not both." } });
    const noReason = await driver.submit(driver.fillBulk(view, { kind: "cancel", initiator: "store", csv: `${order.orderId}\n` }));
    expect(await noReason.json()).toMatchObject({ response_action: "errors", errors: { bulk_reason: "Line 1 names no reason: pick the one they share." } });
    const pasted = await driver.submit(driver.fillBulk(view, { kind: "cancel", initiator: "store", reason: "out_of_stock", csv: `qoo10:${order.orderId}\n` }));
    expect(((await pasted.json()) as { view: View }).view.callback_id).toBe("bulk_review");
  });

  it("ids after the command: unknown ones are named, and none known is answered privately", async () => {
    const answer = await driver.commandAnswer("/cancel", "NOPE-1 NOPE-2");
    expect(answer.body).toMatchObject({ response_type: "ephemeral", text: expect.stringContaining("2 ids not in the order store: `NOPE-1`, `NOPE-2`") });
  });
});
