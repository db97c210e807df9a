import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client";
import { upsertOrders } from "../../src/db/orders";
import type { LocalWorkspace } from "../../src/local-workspace/local-workspace";
import type { SlackCall } from "../../src/local-workspace/workspace-types";
import { REQUESTS_CHANNEL, type AppProcess } from "../support/app-process";
import { cyberbizOrder, qoo10Order } from "../support/orders";
import { startSlackApp, type SlackApp } from "../support/slack-app";
import type { SlackDriver } from "../support/slack-driver";
import { postToSlackEvents, slashCommand, slackSignature } from "../support/slack-requests";

let slack: LocalWorkspace;
let app: AppProcess;
let db: Db;
let driver: SlackDriver;
let running: SlackApp | undefined;

beforeAll(async () => {
  running = await startSlackApp();
  ({ slack, app, db, driver } = running);
});

afterAll(() => running?.stop());

const decisionIn = (orderId: string) => (c: SlackCall) =>
  (c.method === "chat.postMessage" || c.method === "chat.update") && c.body.channel === REQUESTS_CHANNEL && !c.body.thread_ts && String(c.body.text).includes(orderId) && !String(c.body.text).includes("evaluating");

describe("a /refund from Slack to a decision in the channel", () => {
  it("two agents submitting refunds of one order at the same moment cannot together pass its total: one is filed, the other is told in the modal what is left", async () => {
    const order = cyberbizOrder({ status: "delivered", total: 1000 });
    await upsertOrders(db, [order]);
    const first = await driver.openModal("/refund", order.orderId, "U0AGENT");
    // The same modal opened by a second agent: Slack gives each opening its own view id.
    const second = { ...first, id: `V${Date.now().toString(36).toUpperCase()}2` };
    // Both modals were opened with 1,000 refundable; each asks for 600.
    const answers = await Promise.all([
      driver.submit(driver.fill(first, { initiator: "store", kind: "refund", reason: "defective_item", amount: "600" }, "U0AGENT")).then((r) => r.text()),
      driver.submit(driver.fill(second, { initiator: "store", kind: "refund", reason: "defective_item", amount: "600" }, "U0AGENT2")).then((r) => r.text()),
    ]);
    expect(answers.filter((a) => a === "")).toHaveLength(1);
    // Refused by the modal's check (the other was filed first) or, at the same instant, under the order's lock: either way 400 is what is left.
    const refused = JSON.parse(answers.find((a) => a !== "")!) as { response_action: string; errors: Record<string, string> };
    expect(refused).toEqual({ response_action: "errors", errors: { amount: expect.stringMatching(/^(Only NT\$400 is left to refund|At most NT\$400 can be refunded)/) } });
    expect(await db.refundRequest.count({ where: { orderId: order.orderId } })).toBe(1);

    // A modal opened now shows what the open request holds, and offers only the rest.
    const opened = slack.callsTo("views.open").length;
    await driver.command("/refund", order.orderId);
    const third = await slack.waitFor((c) => c.method === "views.open" && slack.callsTo("views.open").indexOf(c) >= opened, 10_000, "the third modal");
    expect(JSON.stringify(third.body.view)).toContain("NT$600 more in open requests");
    expect(JSON.stringify(third.body.view)).toContain('"initial_value":"400"');
  });

  it("opens a modal with the order, files the request and posts the engine's decision with its rule ids", async () => {
    const order = cyberbizOrder({ total: 1200, refunded: 200 });
    await upsertOrders(db, [order]);

    const view = await driver.openModal("/refund", order.orderId);
    const shown = JSON.stringify(view.blocks);
    expect(shown).toContain(`Cyberbiz order ${order.orderId}`);
    expect(shown).toContain("NT$1,200"); // total
    expect(shown).toContain("NT$200"); // already refunded
    expect(JSON.stringify(view.blocks.find((b) => b.block_id === "amount"))).toContain('"initial_value":"1000"');

    // Switching the side rebuilds the modal with that side's reasons.
    const customerView = await driver.choose(view, "initiator_choice", "customer");
    expect(JSON.stringify(customerView.blocks)).toContain("reason_customer_refund");
    const res = await driver.submit(driver.fill(customerView, { initiator: "customer", kind: "refund", reason: "defective_item", amount: "300" }));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(""); // an empty ack closes the modal

    const decision = await slack.waitFor(decisionIn(order.orderId), 15_000, "the decision message");
    expect(String(decision.body.text)).toContain("Allowed:");
    expect(JSON.stringify(decision.body.blocks)).toMatch(/Rules: [^"]*C8/);

    const stored = await db.refundRequest.findFirstOrThrow({ where: { orderId: order.orderId } });
    expect(stored).toMatchObject({ kind: "refund", amount: 300n, reason: "defective_item", requestedBy: "U0AGENT", state: "awaiting_approval" });
    const trail = await db.auditEvent.findMany({ where: { requestId: stored.id }, orderBy: { id: "asc" } });
    expect(trail.map((e) => [e.action, e.fromState, e.toState])).toEqual([
      ["filed", null, "submitted"],
      ["decided", "submitted", "awaiting_approval"],
    ]);
    const confirmation = await slack.waitFor((c) => c.method === "chat.postEphemeral" && String(c.body.text).includes(`RD-${stored.id}`), 10_000, "the confirmation");
    expect(confirmation.body).toMatchObject({ channel: "C0SUPPORT", user: "U0AGENT" });
  });

  it("says first that a shipped Cyberbiz order cannot be cancelled (C2) before it offers the refund, and files the refund the agent then picks", async () => {
    const order = cyberbizOrder({ status: "shipped" });
    await upsertOrders(db, [order]);
    const view = await driver.openModal("/cancel", order.orderId);
    expect(view.blocks[0]).toMatchObject({ block_id: "command_notice", text: { text: ":information_source: Shipped orders cannot be cancelled (C2). You can refund it instead." } });
    expect(JSON.stringify(view.blocks.find((b) => b.block_id === "kind"))).not.toContain('"value":"cancel"');

    const res = await driver.submit(driver.fill(view, { initiator: "store", kind: "refund", reason: "defective_item", amount: "100" }));
    expect(res.status).toBe(200);
    await slack.waitFor(decisionIn(order.orderId), 15_000, "the decision message");
    expect(await db.refundRequest.findFirstOrThrow({ where: { orderId: order.orderId } })).toMatchObject({ kind: "refund", amount: 100n });
  });

  it("says first that a Qoo10 order is refunded only through a cancel or a return (Q15) when /refund is used", async () => {
    const order = qoo10Order({ status: "new" });
    await upsertOrders(db, [order]);
    const view = await driver.openModal("/refund", order.orderId);
    expect(view.blocks[0]).toMatchObject({ block_id: "command_notice", text: { text: ":information_source: Qoo10 gives money back only through a cancel or a return (Q15). You can cancel it instead." } });
  });

  it("turns /cancel of a shipped Qoo10 order into a return, saying so first (Q8); a cancel is not even offered", async () => {
    const order = qoo10Order({ status: "in_transit" });
    await upsertOrders(db, [order]);
    const view = await driver.openModal("/cancel", order.orderId);
    expect(view.blocks[0]).toMatchObject({ block_id: "command_notice", text: { text: ":information_source: Shipped orders cannot be cancelled (Q8). You can file a return instead." } });
    const kindBlock = JSON.stringify(view.blocks.find((b) => b.block_id === "kind"));
    expect(kindBlock).toContain('"value":"return"');
    expect(kindBlock).not.toContain('"value":"cancel"');

    const stale = await driver.submit(driver.fill(view, { initiator: "store", kind: "cancel", reason: "shipping_delay" }));
    expect(((await stale.json()) as { errors: Record<string, string> }).errors.kind).toMatch(/return/i);

    const res = await driver.submit(driver.fill(view, { initiator: "store", kind: "return", reason: "shipping_delay" }));
    expect(res.status).toBe(200);
    const decision = await slack.waitFor(decisionIn(order.orderId), 15_000, "the decision message");
    expect(JSON.stringify(decision.body.blocks)).toMatch(/Rules: [^"]*Q8/);
  });

  it("routes a LINE Pay refund past 60 days to a manual refund (C7)", async () => {
    const order = cyberbizOrder({ createdAt: "2026-01-02T10:00:00+08:00" });
    await upsertOrders(db, [order]);
    const view = await driver.openModal("/refund", order.orderId);
    await driver.submit(driver.fill(view, { initiator: "store", kind: "refund", reason: "defective_item", amount: "100" }));
    const decision = await slack.waitFor(decisionIn(order.orderId), 15_000, "the decision message");
    expect(String(decision.body.text)).toContain("Manual refund:");
    expect(JSON.stringify(decision.body.blocks)).toMatch(/Rules: [^"]*C7/);
  });

  it("shows a bad amount inline in the modal and stores nothing", async () => {
    const order = cyberbizOrder({ total: 1000, refunded: 0 });
    await upsertOrders(db, [order]);
    const view = await driver.openModal("/refund", order.orderId);
    for (const [amount, message] of [["abc", /positive whole number/], ["0", /positive whole number/], ["1001", /At most NT\$1,000 can be refunded/]] as const) {
      const res = await driver.submit(driver.fill(view, { initiator: "store", kind: "refund", reason: "other", amount }));
      expect(res.status).toBe(200);
      const body = (await res.json()) as { response_action: string; errors: Record<string, string> };
      expect(body.response_action).toBe("errors");
      expect(body.errors.amount).toMatch(message);
    }
    expect(await db.refundRequest.count({ where: { orderId: order.orderId } })).toBe(0);
  });

  it("refuses a forged or stale signature with 401 and stores nothing", async () => {
    const order = cyberbizOrder();
    await upsertOrders(db, [order]);
    const view = await driver.openModal("/refund", order.orderId);
    const form = driver.fill(view, { initiator: "store", kind: "refund", reason: "other", amount: "10" });
    const forged = await postToSlackEvents(app.baseUrl, form, { secret: "not-the-secret" });
    expect(forged.status).toBe(401);
    const fiveMinutesAgo = Math.floor(Date.now() / 1000) - 5 * 60 - 5;
    const stale = await postToSlackEvents(app.baseUrl, form, { timestamp: fiveMinutesAgo, signature: slackSignature(new URLSearchParams(form).toString(), fiveMinutesAgo) });
    expect(stale.status).toBe(401);
    expect(await db.refundRequest.count({ where: { orderId: order.orderId } })).toBe(0);
  });

  it("/refund policy answers privately with the rules of the platform asked for", async () => {
    const res = await driver.command("/refund", "policy qoo10");
    const body = (await res.json()) as { response_type: string; text: string };
    expect(body.response_type).toBe("ephemeral");
    expect(body.text).toContain("*Q15*");
    expect(body.text).not.toContain("*C7*");
  });

  it("answers an unknown order and a missing argument with an ephemeral message and no modal", async () => {
    const opened = slack.callsTo("views.open").length;
    const noArg = await postToSlackEvents(app.baseUrl, slashCommand({ command: "/refund", text: "  ", responseUrl: slack.responseUrl("noarg") }));
    expect(await noArg.json()).toMatchObject({ response_type: "ephemeral", text: expect.stringContaining("Usage: `/refund ORDER_ID`") });
    const answer = await driver.commandAnswer("/refund", "NOSUCHORDER1");
    expect(answer.body).toMatchObject({ response_type: "ephemeral", text: expect.stringContaining("No order `NOSUCHORDER1`") });
    expect(slack.callsTo("views.open").length).toBe(opened);
  });
});
