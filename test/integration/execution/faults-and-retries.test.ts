import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../../src/app/services";
import { getRequest, transitionRequest } from "../../../src/db/requests";
import { executeRequest } from "../../../src/use-cases/execute-request";
import { startWorkers } from "../../../src/queue/start-workers";
import { markRefundedClickedListener } from "../../../src/slack/listeners/actions/mark-refunded-clicked";
import { retryExecutionClickedListener } from "../../../src/slack/listeners/actions/retry-execution-clicked";
import { REQUESTS_CHANNEL } from "../../support/app-process";
import { actions, APPROVER, effectsOf, settledIn, useFakeProviders } from "../../support/execution";
import { DAY_MS, ExecutionFakes } from "../../support/execution-fakes";
import { testServices } from "../../support/test-services";

// Requests whose execution meets a timeout, an error code, a retry, a manual task or a second worker.
const fakes = new ExecutionFakes();
const { slack, linePay, cyberbiz, qoo10, seedCyberbiz, file, lastMessageOf } = fakes;
let services: Services;

beforeAll(async () => {
  services = await fakes.start();
});

afterAll(() => fakes.stop());

/** Approved without queueing the execution: the test runs it its own way. */
async function approveQuietly(requestId: number): Promise<number> {
  const moved = await transitionRequest(services.db, { requestId, from: ["awaiting_approval"], to: "approved", action: "approved", actor: { type: "user", id: APPROVER }, detail: { approvers: [APPROVER] } });
  if (!moved.moved) throw new Error("not approved");
  return moved.version;
}

function click(listener: typeof retryExecutionClickedListener | typeof markRefundedClickedListener, requestId: number, user: string) {
  const args = { ack: async () => undefined, body: { user: { id: user }, channel: { id: REQUESTS_CHANNEL } }, action: { value: String(requestId) }, client: services.slack };
  return listener(services)(args as unknown as Parameters<ReturnType<typeof listener>>[0]);
}

/** What the bot told a clicker privately: a direct message, as there is no response_url here. */
const toldInPrivate = (user: string) => String(slack.calls.filter((c) => c.method === "chat.postMessage" && c.body.channel === user).at(-1)?.body.text);

describe("execution at the providers (loopback fakes of Cyberbiz, LINE Pay and Qoo10)", () => {
  it("LINE Pay refunds but answers too late (timeout): the retry finds the refund at LINE Pay and never refunds twice", async () => {
    const { orderId, tx } = seedCyberbiz({ total: 2000, fulfillment: "arrived" });
    linePay.refundThenTimeout(1);
    const id = await file("cyberbiz", orderId, { kind: "refund", initiator: "customer", reason: "defective_item", amount: 500 });
    await settledIn(services, id, ["completed"], 30_000);

    expect(linePay.refundCalls(tx)).toBe(1);
    const refunds = linePay.refundsOf(tx);
    expect(refunds).toHaveLength(1);
    const effects = await effectsOf(services, id);
    expect(effects.refund).toMatchObject({ status: "done", reference: refunds[0]!.refundTransactionId, alreadyDone: true, attempt: 1 });
    const trail = await services.db.auditEvent.findMany({ where: { requestId: id, action: { in: ["effect_failed", "effect_done"] } }, orderBy: { id: "asc" } });
    expect(trail.map((e) => [e.action, e.detail])).toEqual([
      ["effect_failed", { effect: "refund", provider: "line_pay", code: "timeout", message: expect.any(String), permanent: false }],
      ["effect_done", { effect: "refund", provider: "line_pay", reference: refunds[0]!.refundTransactionId, alreadyDone: true, amount: 500 }],
    ]);
  });

  it("LINE Pay 1198 (being processed): nothing is found at LINE Pay, so the refund is asked again, and made once", async () => {
    const { orderId, tx } = seedCyberbiz({ total: 2000, fulfillment: "arrived" });
    linePay.failNextRefund({ kind: "code", code: "1198", message: "Request is being processed." });
    const id = await file("cyberbiz", orderId, { kind: "refund", initiator: "customer", reason: "defective_item", amount: 300 });
    await settledIn(services, id, ["completed"], 30_000);
    expect(linePay.refundCalls(tx)).toBe(2);
    expect(linePay.refundsOf(tx)).toEqual([expect.objectContaining({ amount: 300 })]);
    expect(await effectsOf(services, id)).toMatchObject({ refund: { status: "done", alreadyDone: false, attempt: 2 } });
  });

  it("LINE Pay 1165 (already refunded) is done, not an error", async () => {
    const { orderId, tx } = seedCyberbiz({ total: 1200 });
    // Refunded in LINE Pay's back office before the bot got to it.
    await services.providers.gatewayNamed("line_pay", "cyberbiz").refund({ transactionId: tx, orderId, amount: 1200, currency: "TWD", full: true });
    const id = await file("cyberbiz", orderId, { kind: "cancel", reason: "out_of_stock" });
    await settledIn(services, id, ["completed"]);
    expect(linePay.refundsOf(tx)).toHaveLength(1);
    expect(await effectsOf(services, id)).toMatchObject({ refund: { status: "done", alreadyDone: true, reference: linePay.refundsOf(tx)[0]!.refundTransactionId } });
  });

  it("a Cyberbiz 503 on the cancel is retried with backoff; the order is cancelled once", async () => {
    const { orderId } = seedCyberbiz({ total: 800 });
    const id = await file("cyberbiz", orderId, { kind: "cancel", reason: "out_of_stock" }, false);
    cyberbiz.failNext(1, { kind: "http", status: 503 });
    await approveAndQueue(id);
    await settledIn(services, id, ["completed"], 30_000);
    expect(cyberbiz.cancellations.filter((c) => c.orderId === Number(orderId))).toHaveLength(1);
    const failed = await services.db.auditEvent.findMany({ where: { requestId: id, action: "effect_failed" } });
    expect(failed.map((e) => e.detail)).toEqual([expect.objectContaining({ effect: "cancel", provider: "cyberbiz", code: "http_503", permanent: false })]);
  });

  it("1164 (exceeds the refundable amount): stops, records the failure and shows LINE Pay's code and message with a Retry button", async () => {
    const { orderId, tx } = seedCyberbiz({ total: 1200, paid: 1000, fulfillment: "arrived" });
    const id = await file("cyberbiz", orderId, { kind: "refund", initiator: "customer", reason: "defective_item", amount: 1100 });
    await settledIn(services, id, ["failed"]);
    expect(linePay.refundsOf(tx)).toHaveLength(0);
    expect(await effectsOf(services, id)).toMatchObject({ refund: { status: "failed", errorCode: "1164", errorMessage: "Exceeded the refundable amount." } });
    const trail = await services.db.auditEvent.findMany({ where: { requestId: id }, orderBy: { id: "asc" } });
    expect(trail.slice(-2).map((e) => [e.action, e.detail])).toEqual([
      ["effect_failed", { effect: "refund", provider: "line_pay", code: "1164", message: "Exceeded the refundable amount.", permanent: true }],
      ["execution_failed", { effect: "refund", provider: "line_pay", code: "1164", message: "Exceeded the refundable amount." }],
    ]);
    const message = await lastMessageOf(id, "retry_execution");
    expect(JSON.stringify(message.body)).toContain("`1164` Exceeded the refundable amount.");
  });

  it("1106 (bad credentials): fails; a Retry from a non-approver is refused and audited; once fixed, an approver's Retry completes it", async () => {
    const { orderId, tx } = seedCyberbiz({ total: 900, fulfillment: "arrived" });
    useFakeProviders(services, { linePay, cyberbiz, qoo10, linePaySecret: "a-wrong-channel-secret" });
    try {
      const id = await file("cyberbiz", orderId, { kind: "refund", initiator: "customer", reason: "other" });
      await settledIn(services, id, ["failed"]);
      expect(await effectsOf(services, id)).toMatchObject({ refund: { status: "failed", errorCode: "1106" } });

      await click(retryExecutionClickedListener, id, "U0NOBODY");
      expect((await getRequest(services.db, id))?.state).toBe("failed");
      expect(toldInPrivate("U0NOBODY")).toContain("Only approvers can retry");
      const refused = await services.db.auditEvent.findFirst({ where: { requestId: id, action: "approval_refused" } });
      expect(refused?.detail).toEqual({ user: "U0NOBODY", why: "not_an_approver" });

      useFakeProviders(services, { linePay, cyberbiz, qoo10 });
      await click(retryExecutionClickedListener, id, APPROVER);
      await settledIn(services, id, ["completed"], 30_000);
      expect(linePay.refundsOf(tx)).toEqual([expect.objectContaining({ amount: 900 })]);
      const retried = await services.db.auditEvent.findFirst({ where: { requestId: id, action: "retry_requested" } });
      expect(retried).toMatchObject({ actor: APPROVER, fromState: "failed", toState: "approved", detail: { by: APPROVER } });
      expect((await actions(services, id)).filter((a) => a === "execution_started")).toHaveLength(2);

      await click(retryExecutionClickedListener, id, APPROVER);
      expect(toldInPrivate(APPROVER)).toContain("not failed any more");
    } finally {
      useFakeProviders(services, { linePay, cyberbiz, qoo10 });
    }
  });

  it("1163 (LINE Pay's refund period is over): the refund becomes a manual task (C7), the rest is done; Mark refunded closes it", async () => {
    // The order looks recent to the rules, but LINE Pay counts from its own payment date.
    const { orderId, tx } = seedCyberbiz({ total: 1500, bonus: 100, paidAt: new Date(Date.now() - 70 * DAY_MS) });
    const id = await file("cyberbiz", orderId, { kind: "cancel", reason: "out_of_stock" });
    await settledIn(services, id, ["manual_pending"]);
    expect(linePay.refundsOf(tx)).toHaveLength(0);
    expect(await effectsOf(services, id)).toMatchObject({ cancel: { status: "done" }, refund: { status: "manual", errorCode: "1163" }, restore: { status: "done" } });
    const task = await services.db.auditEvent.findFirst({ where: { requestId: id, action: "manual_task_created" } });
    expect(task?.detail).toEqual({ amount: 1500, currency: "TWD", feeBearer: "seller", why: expect.stringContaining("1163") });
    const message = await lastMessageOf(id, "mark_refunded");
    expect(JSON.stringify(message.body)).toContain("refund *NT$1,500* to the customer of Cyberbiz order");

    await click(markRefundedClickedListener, id, "U0NOBODY");
    expect((await getRequest(services.db, id))?.state).toBe("manual_pending");
    await click(markRefundedClickedListener, id, APPROVER);
    const row = await settledIn(services, id, ["completed"]);
    expect(row.state).toBe("completed");
    const marked = await services.db.auditEvent.findFirst({ where: { requestId: id, action: "manual_refund_marked" } });
    expect(marked).toMatchObject({ actor: APPROVER, actorType: "user", fromState: "manual_pending", toState: "completed", detail: { by: APPROVER } });
    expect(marked!.at).toBeInstanceOf(Date);
    expect(await effectsOf(services, id)).toMatchObject({ refund: { status: "done", provider: "manual", via: "manual", params: expect.objectContaining({ by: APPROVER }) } });
    await lastMessageOf(id, "refunded NT$1,500 by hand (<@U0BOSS>) ✓");
  });

  it("a manual decision (past 60 days, C7) makes no LINE Pay call at all: a task for a person, closed by Mark refunded", async () => {
    const old = new Date(Date.now() - 75 * DAY_MS);
    const { orderId, tx } = seedCyberbiz({ total: 890, createdAt: old });
    const id = await file("cyberbiz", orderId, { kind: "cancel", reason: "out_of_stock" });
    expect((await getRequest(services.db, id))?.decision).toMatchObject({ outcome: "manual", feeBearer: "seller" });
    await settledIn(services, id, ["manual_pending"]);
    expect(linePay.calls.filter((c) => c.path.includes(tx) || c.rawQuery.includes(tx))).toHaveLength(0);
    expect(cyberbiz.cancellations.filter((c) => c.orderId === Number(orderId))).toHaveLength(1);
    await click(markRefundedClickedListener, id, APPROVER);
    await settledIn(services, id, ["completed"]);
  });

  it("two workers on one request: only one executes it (the other finds it locked, or done)", async () => {
    const { orderId, tx } = seedCyberbiz({ total: 2000, fulfillment: "arrived" });
    const id = await file("cyberbiz", orderId, { kind: "refund", initiator: "customer", reason: "other", amount: 250 }, false);
    const version = await approveQuietly(id);
    // The refund answer takes 400 ms: long enough for both to be at it at the same time.
    linePay.refundThenTimeout(1, 400);
    const run = () => executeRequest({ ...services }, id, { finalAttempt: false });
    const results = await Promise.all([run(), run()]);
    expect(results.sort()).toEqual(["busy", "completed"]);

    // And through the queue: two jobs for the same request on a second worker process's workers.
    const second = testServices(slack.apiUrl, { QUEUE_PREFIX: services.config.queuePrefix });
    useFakeProviders(second, { linePay, cyberbiz, qoo10 });
    const secondWorkers = await startWorkers(second);
    try {
      for (const suffix of ["a", "b", "c"]) await services.queues.queues.execution.add("execute-request", { requestId: id, version }, { jobId: `race-${suffix}-${id}` });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    } finally {
      await secondWorkers.close();
      await second.close();
    }
    expect(linePay.refundCalls(tx)).toBe(1);
    expect((await actions(services, id)).filter((a) => a === "execution_started")).toHaveLength(1);
  });

  it("a request whose retries run out is failed with the last error, not lost in executing", async () => {
    const { orderId } = seedCyberbiz({ total: 700 });
    const id = await file("cyberbiz", orderId, { kind: "cancel", reason: "out_of_stock" }, false);
    const version = await approveQuietly(id);
    cyberbiz.failNext(2, { kind: "http", status: 503 });
    await services.queues.queues.execution.add("execute-request", { requestId: id, version }, { jobId: `short-${id}`, attempts: 2, backoff: { type: "fixed", delay: 50 } });
    await settledIn(services, id, ["failed"], 30_000);
    const failed = await services.db.auditEvent.findFirst({ where: { requestId: id, action: "execution_failed" } });
    expect(failed?.detail).toMatchObject({ effect: "cancel", provider: "cyberbiz", code: "http_503", message: expect.stringContaining("after the last retry") });
    expect(await effectsOf(services, id)).toMatchObject({ cancel: { status: "failed", errorCode: "http_503" } });
    expect(cyberbiz.cancellations.filter((c) => c.orderId === Number(orderId))).toHaveLength(0);
  });
});

async function approveAndQueue(requestId: number): Promise<void> {
  const version = await approveQuietly(requestId);
  await services.queues.enqueue("execute-request", { requestId, version });
}
