import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client";
import { upsertOrders } from "../../src/db/orders";
import { FakeSlackApi, type SlackCall } from "../fakes/fake-slack-api";
import { appEnv, REQUESTS_CHANNEL, startApp, type AppProcess } from "../support/app-process";
import { cyberbizOrder, qoo10Order } from "../support/orders";
import { blockAction, postToSlackEvents, slashCommand, slackSignature, viewSubmission } from "../support/slack-requests";
import { testDb } from "../support/test-db";

type View = { id: string; hash: string; private_metadata: string; blocks: { block_id?: string; element?: { action_id?: string } }[]; callback_id: string };

let slack: FakeSlackApi;
let app: AppProcess;
let db: Db;

beforeAll(async () => {
  slack = new FakeSlackApi();
  await slack.start();
  db = testDb();
  app = await startApp({ env: appEnv(slack.apiUrl) });
});

afterAll(async () => {
  await app?.stop();
  await slack?.stop();
  await db?.$disconnect();
});

/** Sends `/command text` and waits for the modal Slack was asked to open for it. */
async function openModal(command: "/refund" | "/cancel", orderId: string): Promise<View> {
  const responseUrl = slack.responseUrl(`open-${orderId}`);
  const res = await postToSlackEvents(app.baseUrl, slashCommand({ command, text: orderId, responseUrl }));
  expect(res.status).toBe(200);
  const call = await slack.waitFor((c) => c.method === "views.open" && JSON.stringify(c.body.view).includes(orderId), 10_000, `views.open for ${orderId}`);
  const opened = call.response?.view as { id: string; hash: string };
  return { ...(call.body.view as View), id: opened.id, hash: opened.hash };
}

/** Clicks a radio button with dispatch_action in the open modal, as Slack sends it, and returns the updated modal. */
async function choose(view: View, actionId: "initiator_choice" | "kind_choice", value: string): Promise<View> {
  const updatesBefore = slack.callsTo("views.update").length;
  const res = await postToSlackEvents(app.baseUrl, blockAction(view, { type: "radio_buttons", action_id: actionId, block_id: actionId.replace("_choice", ""), selected_option: { value } }));
  expect(res.status).toBe(200);
  const update = await slack.waitFor((c) => c.method === "views.update" && slack.callsTo("views.update").indexOf(c) >= updatesBefore, 10_000, "views.update");
  expect(update.body).toMatchObject({ view_id: view.id, hash: view.hash });
  const updated = update.response?.view as { hash: string };
  return { ...(update.body.view as View), id: view.id, hash: updated.hash };
}

function blockIdStartingWith(view: View, prefix: string): string {
  const block = view.blocks.find((b) => b.block_id?.startsWith(prefix));
  if (!block?.block_id) throw new Error(`no block ${prefix} in the modal`);
  return block.block_id;
}

function fill(view: View, input: { initiator: string; kind: string; reason: string; amount?: string }) {
  const values: Record<string, Record<string, unknown>> = {
    initiator: { initiator_choice: { type: "radio_buttons", selected_option: { value: input.initiator } } },
    kind: { kind_choice: { type: "radio_buttons", selected_option: { value: input.kind } } },
    [blockIdStartingWith(view, "reason_")]: { reason_choice: { type: "static_select", selected_option: { value: input.reason } } },
    options: { options_choice: { type: "checkboxes", selected_options: [{ value: "notify_customer" }] } },
    note: { note_input: { type: "plain_text_input", value: "Customer called" } },
  };
  if (input.amount !== undefined) values.amount = { amount_input: { type: "plain_text_input", value: input.amount } };
  return viewSubmission({ ...view, callback_id: view.callback_id }, values);
}

const decisionIn = (orderId: string) => (c: SlackCall) =>
  (c.method === "chat.postMessage" || c.method === "chat.update") && c.body.channel === REQUESTS_CHANNEL && String(c.body.text).includes(orderId) && !String(c.body.text).includes("evaluating");

describe("a /refund from Slack to a decision in the channel", () => {
  it("opens a modal with the order, files the request and posts the engine's decision with its rule ids", async () => {
    const order = cyberbizOrder({ total: 1200, refunded: 200 });
    await upsertOrders(db, [order]);

    const view = await openModal("/refund", order.orderId);
    const shown = JSON.stringify(view.blocks);
    expect(shown).toContain(`Cyberbiz order ${order.orderId}`);
    expect(shown).toContain("NT$1,200"); // total
    expect(shown).toContain("NT$200"); // already refunded
    expect(JSON.stringify(view.blocks.find((b) => b.block_id === "amount"))).toContain('"initial_value":"1000"');

    // Switching the side rebuilds the modal with that side's reasons.
    const customerView = await choose(view, "initiator_choice", "customer");
    expect(JSON.stringify(customerView.blocks)).toContain("reason_customer_refund");
    const res = await postToSlackEvents(app.baseUrl, fill(customerView, { initiator: "customer", kind: "refund", reason: "defective_item", amount: "300" }));
    expect(res.status).toBe(200);
    const ackBody = await res.text();
    expect(ackBody).toBe(""); // an empty ack closes the modal

    const decision = await slack.waitFor(decisionIn(order.orderId), 15_000, "the decision message");
    expect(String(decision.body.text)).toMatch(/allow/);
    expect(JSON.stringify(decision.body.blocks)).toMatch(/Rules: .*C8/);

    const stored = await db.refundRequest.findFirstOrThrow({ where: { orderId: order.orderId } });
    expect(stored).toMatchObject({ kind: "refund", amount: 300, reason: "defective_item", requestedBy: "U0AGENT", state: "awaiting_approval" });
    const trail = await db.auditEvent.findMany({ where: { requestId: stored.id }, orderBy: { id: "asc" } });
    expect(trail.map((e) => [e.action, e.fromState, e.toState])).toEqual([
      ["filed", null, "submitted"],
      ["decided", "submitted", "awaiting_approval"],
    ]);
    const confirmation = await slack.waitFor((c) => c.method === "chat.postEphemeral" && String(c.body.text).includes(`RD-${stored.id}`), 10_000, "the confirmation");
    expect(confirmation.body).toMatchObject({ channel: "C0SUPPORT", user: "U0AGENT" });
  });

  it("turns /cancel of a shipped Qoo10 order into a return and cites Q8; a cancel is not even offered", async () => {
    const order = qoo10Order({ status: "in_transit" });
    await upsertOrders(db, [order]);
    const view = await openModal("/cancel", order.orderId);
    const kindBlock = JSON.stringify(view.blocks.find((b) => b.block_id === "kind"));
    expect(kindBlock).toContain('"value":"return"');
    expect(kindBlock).not.toContain('"value":"cancel"');

    const stale = await postToSlackEvents(app.baseUrl, fill(view, { initiator: "store", kind: "cancel", reason: "shipping_delay" }));
    expect(((await stale.json()) as { errors: Record<string, string> }).errors.kind).toMatch(/return/);

    const res = await postToSlackEvents(app.baseUrl, fill(view, { initiator: "store", kind: "return", reason: "shipping_delay" }));
    expect(res.status).toBe(200);
    const decision = await slack.waitFor(decisionIn(order.orderId), 15_000, "the decision message");
    expect(JSON.stringify(decision.body.blocks)).toMatch(/Rules: [^"]*Q8/);
  });

  it("routes a LINE Pay refund past 60 days to a manual refund (C7)", async () => {
    const order = cyberbizOrder({ createdAt: "2026-01-02T10:00:00+08:00" });
    await upsertOrders(db, [order]);
    const view = await openModal("/refund", order.orderId);
    await postToSlackEvents(app.baseUrl, fill(view, { initiator: "store", kind: "refund", reason: "defective_item", amount: "100" }));
    const decision = await slack.waitFor(decisionIn(order.orderId), 15_000, "the decision message");
    expect(String(decision.body.text)).toContain("manual");
    expect(JSON.stringify(decision.body.blocks)).toMatch(/Rules: [^"]*C7/);
  });

  it("shows a bad amount inline in the modal and stores nothing", async () => {
    const order = cyberbizOrder({ total: 1000, refunded: 0 });
    await upsertOrders(db, [order]);
    const view = await openModal("/refund", order.orderId);
    for (const [amount, message] of [["abc", /positive whole number/], ["0", /positive whole number/], ["1001", /At most 1000 TWD/]] as const) {
      const res = await postToSlackEvents(app.baseUrl, fill(view, { initiator: "store", kind: "refund", reason: "other", amount }));
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
    const view = await openModal("/refund", order.orderId);
    const form = fill(view, { initiator: "store", kind: "refund", reason: "other", amount: "10" });
    const forged = await postToSlackEvents(app.baseUrl, form, { secret: "not-the-secret" });
    expect(forged.status).toBe(401);
    const fiveMinutesAgo = Math.floor(Date.now() / 1000) - 5 * 60 - 5;
    const stale = await postToSlackEvents(app.baseUrl, form, { timestamp: fiveMinutesAgo, signature: slackSignature(new URLSearchParams(form).toString(), fiveMinutesAgo) });
    expect(stale.status).toBe(401);
    expect(await db.refundRequest.count({ where: { orderId: order.orderId } })).toBe(0);
  });

  it("/refund policy answers privately with the rules of the platform asked for", async () => {
    const res = await postToSlackEvents(app.baseUrl, slashCommand({ command: "/refund", text: "policy qoo10", responseUrl: slack.responseUrl("policy") }));
    const body = (await res.json()) as { response_type: string; text: string };
    expect(body.response_type).toBe("ephemeral");
    expect(body.text).toContain("*Q15*");
    expect(body.text).not.toContain("*C7*");
  });

  it("answers an unknown order and a missing argument with an ephemeral message and no modal", async () => {
    const opened = slack.callsTo("views.open").length;
    const noArg = await postToSlackEvents(app.baseUrl, slashCommand({ command: "/refund", text: "  ", responseUrl: slack.responseUrl("noarg") }));
    expect(await noArg.json()).toMatchObject({ response_type: "ephemeral", text: expect.stringContaining("Usage: `/refund ORDER_ID`") });

    const res = await postToSlackEvents(app.baseUrl, slashCommand({ command: "/refund", text: "NOSUCHORDER1", responseUrl: slack.responseUrl("unknown") }));
    expect(res.status).toBe(200);
    const answer = await slack.waitFor((c) => c.method === "response_url:unknown", 10_000, "the response_url answer");
    expect(answer.body).toMatchObject({ response_type: "ephemeral", text: expect.stringContaining("No order `NOSUCHORDER1`") });
    expect(slack.callsTo("views.open").length).toBe(opened);
  });
});
