import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Services } from "../../src/app/services";
import { getRequest } from "../../src/db/requests";
import type { LocalWorkspace } from "../../src/local-workspace/local-workspace";
import type { SlackCall } from "../../src/local-workspace/workspace-types";
import { APPROVALS_CHANNEL, REQUESTS_CHANNEL, type AppProcess } from "../support/app-process";
import { approve, APPROVER, fileAndApprove, settledIn } from "../support/execution";
import { cyberbizOrder, qoo10Order } from "../support/orders";
import { startSlackApp, type SlackApp } from "../support/slack-app";
import { messageButtonClick, postToSlackEvents } from "../support/slack-requests";
import { eventually, testServices } from "../support/test-services";

let slack: LocalWorkspace;
let app: AppProcess;
let services: Services;
let running: SlackApp | undefined;

beforeAll(async () => {
  // Queues of their own: another e2e file's bot must not take this bot's jobs.
  const queuePrefix = `${inject("queuePrefix")}-exec`;
  running = await startSlackApp({ env: { REFUND_APPROVERS: APPROVER, QUEUE_PREFIX: queuePrefix } });
  ({ slack, app } = running);
  // The test files and approves requests the way the approvals module does; the bot does everything else.
  services = testServices(slack.apiUrl, { QUEUE_PREFIX: queuePrefix });
});

afterAll(async () => {
  await running?.stop();
  await services?.close();
});

/** The request's message as the bot last rendered it (posted, then updated in place). */
function messageWith(requestId: number, actionId: string): Promise<SlackCall> {
  return eventually(async () => {
    const row = await getRequest(services.db, requestId);
    if (!row?.threadTs) return undefined;
    return slack.calls.filter((c) => (c.method === "chat.update" || c.method === "chat.postMessage") && (c.body.ts === row.threadTs || c.response?.ts === row.threadTs) && JSON.stringify(c.body.blocks ?? []).includes(actionId)).at(-1);
  }, 20_000, `request ${requestId}'s message with ${actionId}`);
}

/** Clicks a button of the request's message, as Slack sends it: a signed block_actions payload. */
async function click(message: SlackCall, actionId: string, userId: string): Promise<void> {
  const form = messageButtonClick(message, actionId, { userId, channel: REQUESTS_CHANNEL, responseUrl: slack.responseUrl(`click-${randomUUID()}`) });
  if (!form) throw new Error(`no ${actionId} button in the message`);
  const res = await postToSlackEvents(app.baseUrl, form);
  expect(res.status).toBe(200);
}

/** The bot's private answer to a click: an ephemeral message through the click's response_url. */
const ephemeralReply = (contains: string) =>
  slack.waitFor((c) => c.method.startsWith("response_url:") && c.body.response_type === "ephemeral" && String(c.body.text).includes(contains), 10_000, `an ephemeral reply saying ${contains}`);

describe("execution in the running bot, driven from Slack (the local store: no provider configured)", () => {
  it("a failed execution shows the error and Retry; a non-approver is refused; an approver's Retry carries it out", async () => {
    const order = cyberbizOrder({ paymentMethod: "credit_card", transactionId: undefined });
    const id = await fileAndApprove(services, order, { kind: "cancel", reason: "out_of_stock" }, { approve: false });
    // Shipped after the decision: the local store refuses the cancel, as Cyberbiz would (C2).
    await services.db.order.update({ where: { platform_orderId: { platform: "cyberbiz", orderId: order.orderId } }, data: { status: "shipped" } });
    await approve(services, id);
    await settledIn(services, id, ["failed"]);
    const failed = await messageWith(id, "retry_execution");
    expect(JSON.stringify(failed.body.blocks)).toContain("`state_does_not_allow`");

    await click(failed, "retry_execution", "U0NOBODY");
    await ephemeralReply("Only approvers can retry");
    expect((await getRequest(services.db, id))?.state).toBe("failed");

    await services.db.order.update({ where: { platform_orderId: { platform: "cyberbiz", orderId: order.orderId } }, data: { status: "unshipped" } });
    await click(failed, "retry_execution", APPROVER);
    await settledIn(services, id, ["completed"]);
    const trail = await services.db.auditEvent.findMany({ where: { requestId: id }, orderBy: { id: "asc" } });
    expect(trail.map((e) => e.action)).toEqual([
      "filed", "decided", "approved", "execution_started", "effect_failed", "execution_failed", "approval_refused",
      "retry_requested", "execution_started", "effect_done", "effect_done", "effect_done", "completed",
    ]);
    await eventually(async () => slack.calls.some((c) => c.method === "chat.update" && String(c.body.text).includes("done. Allowed:") && String(c.body.text).includes("cancelled at the local store ✓")), 15_000, "the message showing the effects");
  });

  it("a manual refund task (C7) is closed by an approver's Mark refunded, with who and when", async () => {
    const order = cyberbizOrder({ createdAt: new Date(Date.now() - 75 * 86_400_000).toISOString(), total: 890 });
    const id = await fileAndApprove(services, order, { kind: "cancel", reason: "out_of_stock" });
    await settledIn(services, id, ["manual_pending"]);
    const task = await messageWith(id, "mark_refunded");
    expect(JSON.stringify(task.body.blocks)).toContain("The seller pays the transfer fee.");

    await click(task, "mark_refunded", APPROVER);
    await settledIn(services, id, ["completed"]);
    const marked = await services.db.auditEvent.findFirst({ where: { requestId: id, action: "manual_refund_marked" } });
    expect(marked).toMatchObject({ actorType: "user", actor: APPROVER, detail: { by: APPROVER } });
    const stored = await services.db.order.findUnique({ where: { platform_orderId: { platform: "cyberbiz", orderId: order.orderId } } });
    expect(stored).toMatchObject({ status: "cancelled", refunded: 890n });
  });

  it("the whole chain in the bot: Approve clicked by an approver, the request carried out, its message showing each effect", async () => {
    const order = qoo10Order({ buyerLocale: "ja-JP" });
    const id = await fileAndApprove(services, order, { kind: "cancel", reason: "out_of_stock" }, { approve: false });
    const approval = await slack.waitFor(
      (c) => c.method === "chat.postMessage" && c.body.channel === APPROVALS_CHANNEL && JSON.stringify(c.body.blocks ?? []).includes(`"value":"${id}"`),
      20_000,
      "the approval message",
    );
    await click({ ...approval, body: { ...approval.body, ts: approval.response?.ts } }, "approve_request", APPROVER);
    await settledIn(services, id, ["completed"]);
    await eventually(
      async () => slack.calls.some((c) => c.method === "chat.update" && String(c.body.text).includes(order.orderId) && String(c.body.text).includes("Effects: buyer told first (Q5, ja) ✓ · cancelled at the local store ✓ · refunded ¥5,800 at the local store ✓")),
      15_000,
      "the request message with its effects",
    );
    const messages = await services.db.localEffect.findMany({ where: { orderId: order.orderId, kind: "message" } });
    expect(messages).toHaveLength(1);
  });

  it("a manual decision approved with the Approve button becomes a task at once; Mark refunded closes it", async () => {
    const order = cyberbizOrder({ status: "delivered", createdAt: new Date(Date.now() - 75 * 86_400_000).toISOString(), total: 520 });
    const id = await fileAndApprove(services, order, { kind: "refund", initiator: "customer", reason: "other" }, { approve: false });
    const approval = await slack.waitFor(
      (c) => c.method === "chat.postMessage" && c.body.channel === APPROVALS_CHANNEL && JSON.stringify(c.body.blocks ?? []).includes(`"value":"${id}"`),
      20_000,
      "the approval message",
    );
    await click({ ...approval, body: { ...approval.body, ts: approval.response?.ts } }, "approve_request", APPROVER);
    await settledIn(services, id, ["manual_pending"]);
    const task = await messageWith(id, "mark_refunded");
    expect(JSON.stringify(task.body.blocks)).toContain("refund *NT$520* to the customer");
    await click(task, "mark_refunded", APPROVER);
    await settledIn(services, id, ["completed"]);
  });
});
