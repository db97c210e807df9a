import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../../src/app/services";
import { findOrder, upsertOrders } from "../../../src/db/orders";
import { markRefunded, retryExecution } from "../../../src/use-cases/execution-actions";
import type { ApproverDirectory } from "../../../src/slack/approver-directory";
import { executionViewOfProjection } from "../../../src/slack/execution-view";
import { loadRequestProjection } from "../../../src/db/request-projection";
import { startWorkers, type RunningWorkers } from "../../../src/queue/start-workers";
import { fileRefundRequest } from "../../../src/use-cases/file-request";
import { giveVerdictAndReply as giveVerdict } from "../../../src/slack/verdict-replies";
import { testWorkspace } from "../../support/test-workspace";
import type { LocalWorkspace } from "../../../src/local-workspace/local-workspace";
import { actions, approve, APPROVER, effectsOf, fileAndApprove, linePayTransactionId, settledIn } from "../../support/execution";
import { cyberbizOrder, qoo10Order } from "../../support/orders";
import { testServices } from "../../support/test-services";

let slack: LocalWorkspace;
let services: Services;
let workers: RunningWorkers;

beforeAll(async () => {
  slack = testWorkspace();
  await slack.start();
  services = testServices(slack.apiUrl, { WORKER_CONCURRENCY: "4", REFUND_APPROVERS: APPROVER });
  workers = await startWorkers(services);
});

afterAll(async () => {
  await workers?.close();
  await services?.close();
  await slack?.stop();
});

describe("execution on the local store (no provider configured: the default and the demo)", () => {
  it("a Cyberbiz cancel: cancels the order, refunds it, restores points and coupons, flags and tells the customer, each once", async () => {
    const order = cyberbizOrder({ pointsUsed: 100, couponCodes: ["WELCOME10"], buyerLocale: "zh-TW" });
    const id = await fileAndApprove(services, order, { kind: "cancel", reason: "out_of_stock", notifyCustomer: true, flagCustomer: true });
    await settledIn(services, id, ["completed"]);

    const effects = await effectsOf(services, id);
    expect(Object.keys(effects)).toEqual(["cancel", "refund", "restore", "flag_customer", "customer_notice"]);
    for (const effect of Object.values(effects)) expect(effect).toMatchObject({ status: "done", provider: "local", via: "call", attempt: 1 });
    expect(effects.refund!.reference).toMatch(/^local:refund:/);

    const stored = await findOrder(services.db, "cyberbiz", order.orderId);
    expect(stored).toMatchObject({ status: "cancelled", refunded: 1200 });
    const local = await services.db.localEffect.findMany({ where: { orderId: order.orderId }, orderBy: { id: "asc" } });
    expect(local.map((row) => row.kind)).toEqual(["cancel", "refund", "restore", "flag", "message"]);
    expect(local[2]!.detail).toEqual({ points: 100, coupons: ["WELCOME10"] });
    expect(local[4]!.detail).toMatchObject({ locale: "zh-TW", subject: `訂單 ${order.orderId} 取消通知` });

    expect(await actions(services, id)).toEqual([
      "filed", "decided", "approved", "execution_started",
      "effect_done", "effect_done", "effect_done", "effect_done", "effect_done", "completed",
    ]);
  });

  it("a partial refund without a cancel refunds the amount asked and leaves the order standing", async () => {
    const order = cyberbizOrder({ status: "delivered", total: 3000, refunded: 500 });
    const id = await fileAndApprove(services, order, { kind: "refund", initiator: "customer", reason: "defective_item", amount: 700 });
    await settledIn(services, id, ["completed"]);
    expect(Object.keys(await effectsOf(services, id))).toEqual(["refund"]);
    expect(await findOrder(services.db, "cyberbiz", order.orderId)).toMatchObject({ status: "delivered", refunded: 1200 });
  });

  it("a Qoo10 store-side cancel tells the buyer first (Q5) in Japanese, then cancels and refunds", async () => {
    const order = qoo10Order({ buyerLocale: "ja-JP" });
    const id = await fileAndApprove(services, order, { kind: "cancel", reason: "out_of_stock", notifyCustomer: true });
    await settledIn(services, id, ["completed"]);
    const effects = await effectsOf(services, id);
    expect(Object.keys(effects)).toEqual(["q5_notice", "cancel", "refund"]);
    const messages = await services.db.localEffect.findMany({ where: { orderId: order.orderId, kind: "message" } });
    expect(messages).toHaveLength(1);
    expect(messages[0]!.detail).toMatchObject({ locale: "ja", subject: `ご注文 ${order.orderId} のキャンセルについて` });
    expect(await findOrder(services.db, "qoo10", order.orderId)).toMatchObject({ status: "cancelled", refunded: 5800 });
  });

  it.each([
    ["en-US", "en", (id: string) => `Refund for your order ${id}`, "NT$150", "a defective item"],
    ["zh-Hant-TW", "zh-TW", (id: string) => `訂單 ${id} 退款通知`, "$150", "商品瑕疵"],
    ["zh-CN", "zh-CN", (id: string) => `订单 ${id} 退款通知`, "150", "商品瑕疵"],
    ["ja-JP", "ja", (id: string) => `ご注文 ${id} の返金について`, "150", "商品不良のため"],
    ["fr-FR", "en", (id: string) => `Refund for your order ${id}`, "NT$150", "a defective item"],
  ])("the customer notice for a buyer in %s is written in %s, with the amount and the reason", async (buyerLocale, locale, subject, amount, reason) => {
    const order = cyberbizOrder({ status: "delivered", buyerLocale });
    const id = await fileAndApprove(services, order, { kind: "refund", initiator: "customer", reason: "defective_item", amount: 150, notifyCustomer: true });
    await settledIn(services, id, ["completed"]);
    const [message] = await services.db.localEffect.findMany({ where: { orderId: order.orderId, kind: "message" } });
    const detail = message!.detail as { locale: string; subject: string; body: string };
    expect(detail.locale).toBe(locale);
    expect(detail.subject).toBe(subject(order.orderId));
    expect(detail.body).toContain(amount);
    expect(detail.body).toContain(reason);
    expect((await effectsOf(services, id)).customer_notice).toMatchObject({ status: "done", params: { locale } });
  });

  it("never logs the notice's subject or body", async () => {
    const lines: string[] = [];
    const quiet = services.log;
    services.log = pino({ level: "debug" }, new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
    try {
      const order = cyberbizOrder({ status: "delivered", buyerLocale: "en" });
      const id = await fileAndApprove(services, order, { kind: "refund", initiator: "customer", reason: "other", amount: 90, notifyCustomer: true });
      await settledIn(services, id, ["completed"]);
      const logs = lines.join("");
      expect(logs).toContain("effect done");
      expect(logs).not.toContain("Refund for your order");
      expect(logs).not.toContain("simply reply");
    } finally {
      services.log = quiet;
    }
  });

  it("a manual refund (C7, past LINE Pay's 60 days): a task, no refund recorded, and the customer told the refund comes by bank transfer", async () => {
    const order = cyberbizOrder({ createdAt: new Date(Date.now() - 75 * 86_400_000).toISOString(), buyerLocale: "zh-TW" });
    const id = await fileAndApprove(services, order, { kind: "cancel", reason: "out_of_stock", notifyCustomer: true });
    await settledIn(services, id, ["manual_pending"]);
    expect(await findOrder(services.db, "cyberbiz", order.orderId)).toMatchObject({ status: "cancelled", refunded: 0 });
    const [message] = await services.db.localEffect.findMany({ where: { orderId: order.orderId, kind: "message" } });
    expect((message!.detail as { body: string }).body).toContain("銀行轉帳");
    expect((message!.detail as { body: string }).body).toContain("轉帳手續費由本店負擔");
  });

  it("the local store refuses what the platform would: a Cyberbiz order shipped since the decision is not cancelled (C2), and nothing is refunded", async () => {
    const order = cyberbizOrder();
    const id = await fileAndApprove(services, order, { kind: "cancel", reason: "out_of_stock" }, { approve: false });
    await services.db.order.update({ where: { platform_orderId: { platform: "cyberbiz", orderId: order.orderId } }, data: { status: "shipped" } });
    await approve(services, id);
    await settledIn(services, id, ["failed"]);
    const failed = await services.db.auditEvent.findFirst({ where: { requestId: id, action: "execution_failed" } });
    expect(failed?.detail).toMatchObject({ effect: "cancel", provider: "local", code: "state_does_not_allow" });
    expect(await effectsOf(services, id)).toMatchObject({ cancel: { status: "failed" }, refund: { status: "pending" } });
    expect(await findOrder(services.db, "cyberbiz", order.orderId)).toMatchObject({ status: "shipped", refunded: 0 });
  });

  it("the local store never refunds beyond the total (G2), even if the order changed since the decision", async () => {
    const order = cyberbizOrder({ status: "delivered", total: 1000 });
    const id = await fileAndApprove(services, order, { kind: "refund", initiator: "customer", reason: "other", amount: 600 }, { approve: false });
    await services.db.order.update({ where: { platform_orderId: { platform: "cyberbiz", orderId: order.orderId } }, data: { refunded: 700 } });
    await approve(services, id);
    await settledIn(services, id, ["failed"]);
    expect(await effectsOf(services, id)).toMatchObject({ refund: { status: "failed", errorCode: "exceeds_refundable" } });
    expect(await findOrder(services.db, "cyberbiz", order.orderId)).toMatchObject({ refunded: 700 });
  });

  it("records each effect once per key: a repeated call finds the first and changes nothing", async () => {
    const order = cyberbizOrder({ status: "delivered", total: 1000, transactionId: linePayTransactionId() });
    await fileAndApprove(services, order, { kind: "refund", initiator: "customer", reason: "other", amount: 1 }, { approve: false });
    const gateway = services.providers.localGateway("cyberbiz");
    const input = { transactionId: order.transactionId!, orderId: order.orderId, amount: 300, currency: "TWD", full: false, idempotencyKey: `test:${order.orderId}` };
    const [first, second] = [await gateway.refund(input), await gateway.refund(input)];
    expect(first.alreadyDone).toBe(false);
    expect(second).toMatchObject({ alreadyDone: true, refundTransactionId: first.refundTransactionId, amount: 300 });
    // The store reports the refund like any provider: the order's total follows when an execution records the effect done.
    expect(await findOrder(services.db, "cyberbiz", order.orderId)).toMatchObject({ refunded: 0 });
    expect((await gateway.getPayment(order.transactionId!)).refunds).toEqual([expect.objectContaining({ refundTransactionId: first.refundTransactionId, amount: 300 })]);

    const source = services.providers.local("cyberbiz");
    const cancel = { orderId: order.orderId, reason: "out_of_stock" as const, initiator: "store" as const, notifyCustomer: false, flagCustomer: false };
    await expect(source.cancelOrder(cancel)).rejects.toMatchObject({ code: "state_does_not_allow", kind: "permanent" });
  });

  it("a request the platform's rules let proceed by itself (Q11/Q12: a customer's cancel of a new Qoo10 order) is carried out with no approver", async () => {
    const order = qoo10Order({ status: "new", customerCancelRequested: true });
    await upsertOrders(services.db, [order]);
    const { id } = await fileRefundRequest(services, {
      order, kind: "cancel", initiator: "customer", reason: "customer_request", notifyCustomer: false, flagCustomer: false, returnReceived: false,
      requestedAt: new Date(), actor: { type: "intake", id: "qoo10" }, origin: "intake",
    });
    await settledIn(services, id, ["completed"]);
    expect(await actions(services, id)).toEqual(["filed", "decided", "execution_started", "effect_done", "effect_done", "completed"]);
    expect(await findOrder(services.db, "qoo10", order.orderId)).toMatchObject({ status: "cancelled", refunded: order.total });
  });

  it("a manual decision approved with the Approve button goes straight to a task; Mark refunded still closes it and records the money", async () => {
    const order = cyberbizOrder({ createdAt: new Date(Date.now() - 75 * 86_400_000).toISOString(), total: 640 });
    const id = await fileAndApprove(services, order, { kind: "refund", initiator: "customer", reason: "other" }, { approve: false });
    const verdict = await giveVerdict(services, { requestId: id, userId: APPROVER, verdict: "approve" });
    expect(verdict.done).toBe(true);
    await settledIn(services, id, ["manual_pending"]);
    const view = executionViewOfProjection((await loadRequestProjection(services.db, id))!);
    expect(view?.manualTask).toEqual({ amount: 640, currency: "TWD", feeBearer: "seller", why: expect.stringContaining("C7") });
    expect(await markRefunded(services, id, APPROVER)).toEqual({ kind: "done" });
    await settledIn(services, id, ["completed"]);
    expect(await findOrder(services.db, "cyberbiz", order.orderId)).toMatchObject({ refunded: 640 });
  });

  describe("four eyes on Retry and Mark refunded", () => {
    /** The requester (U0AGENT) is an approver too, as in a small team; U0BOSS2 is a second approver. */
    const teamOfThree: ApproverDirectory = { isApprover: async (user) => [APPROVER, "U0AGENT", "U0BOSS2"].includes(user), list: async () => [APPROVER, "U0AGENT", "U0BOSS2"] };
    const manualTask = async (total: number) => {
      const order = cyberbizOrder({ createdAt: new Date(Date.now() - 75 * 86_400_000).toISOString(), total });
      const id = await fileAndApprove(services, order, { kind: "cancel", reason: "out_of_stock" });
      await settledIn(services, id, ["manual_pending"]);
      return { id, order };
    };

    it("the requester, an approver too, cannot mark their own manual refund done nor retry their own failed request", async () => {
      const { id, order } = await manualTask(700);
      const team = { ...services, approvers: teamOfThree };
      expect(await markRefunded(team, id, "U0AGENT")).toEqual({ kind: "own_request" });
      expect((await findOrder(services.db, "cyberbiz", order.orderId))?.refunded).toBe(0);
      const refused = await services.db.auditEvent.findFirst({ where: { requestId: id, action: "approval_refused" } });
      expect(refused?.detail).toEqual({ user: "U0AGENT", why: "own_request" });

      const shipped = cyberbizOrder();
      const failed = await fileAndApprove(services, shipped, { kind: "cancel", reason: "out_of_stock" }, { approve: false });
      await services.db.order.update({ where: { platform_orderId: { platform: "cyberbiz", orderId: shipped.orderId } }, data: { status: "shipped" } });
      await approve(services, failed);
      await settledIn(services, failed, ["failed"]);
      expect(await retryExecution(team, failed, "U0AGENT")).toEqual({ kind: "own_request" });
      expect((await findOrder(services.db, "cyberbiz", shipped.orderId))?.status).toBe("shipped");
    });

    it("two approvers marking it refunded at once: one closes it, the other is told who did; the money is counted once", async () => {
      const { id, order } = await manualTask(640);
      const team = { ...services, approvers: teamOfThree };
      const outcomes = await Promise.all([markRefunded(team, id, APPROVER), markRefunded(team, id, "U0BOSS2")]);
      const done = outcomes.filter((o) => o.kind === "done");
      const refused = outcomes.filter((o) => o.kind !== "done");
      expect(done).toHaveLength(1);
      const winner = (await services.db.auditEvent.findFirstOrThrow({ where: { requestId: id, action: "manual_refund_marked" } })).actor;
      expect(refused).toEqual([{ kind: "already_marked", by: winner, at: expect.any(Date) }]);
      expect((await findOrder(services.db, "cyberbiz", order.orderId))?.refunded).toBe(640);
      expect(await services.db.auditEvent.count({ where: { requestId: id, action: "manual_refund_marked" } })).toBe(1);
    });
  });
});
