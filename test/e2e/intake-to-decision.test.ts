import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client";
import { upsertOrders } from "../../src/db/orders";
import { signIntakeBody } from "../../src/intake/verify-intake-signature";
import { requestStateSchema } from "../../src/domain/request-state";
import { wordsFor } from "../../src/presentation/index";
import { stateLabel } from "../../src/slack/messages/labels";
import type { LocalWorkspace } from "../../src/local-workspace/local-workspace";
import type { SlackCall } from "../../src/local-workspace/workspace-types";
import { REQUESTS_CHANNEL, type AppProcess } from "../support/app-process";
import { qoo10Order, uniqueOrderId } from "../support/orders";
import { startSlackApp, type SlackApp } from "../support/slack-app";
import { postToSlackEvents, slashCommand } from "../support/slack-requests";

const INTAKE_SECRET = "e2e-intake-secret-0123456789";
const APPROVER = "U0BOSS";

let slack: LocalWorkspace;
let app: AppProcess;
let db: Db;
let running: SlackApp | undefined;

beforeAll(async () => {
  running = await startSlackApp({ env: { INTAKE_SECRET, REFUND_APPROVERS: APPROVER } });
  ({ slack, app, db } = running);
});

afterAll(() => running?.stop());

/** Posts a delivery to the running bot exactly as a sender following docs/intake.md does. */
async function sendIntake(body: Record<string, unknown>) {
  const raw = JSON.stringify(body);
  const timestamp = Math.floor(Date.now() / 1000);
  const res = await fetch(`${app.baseUrl}/intake/requests`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-refund-desk-timestamp": String(timestamp), "x-refund-desk-signature": signIntakeBody(INTAKE_SECRET, timestamp, raw) },
    body: raw,
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

function customerCancel(orderId: string, reason = "customer_request") {
  return {
    source: "qoo10",
    externalId: `CS-${uniqueOrderId()}`,
    platform: "qoo10",
    orderId,
    request: { kind: "cancel", initiator: "customer", reason },
    message: "I ordered the wrong size, please cancel.",
  };
}

const decisionFor = (orderId: string) => (c: SlackCall) =>
  (c.method === "chat.postMessage" || c.method === "chat.update") && c.body.channel === REQUESTS_CHANNEL && String(c.body.text).includes(orderId) && !String(c.body.text).includes("evaluating");

describe("an intake delivery, from the webhook to the decision in the requests channel", () => {
  it("a customer's cancel of a new Qoo10 order is allowed and proceeds by itself (Q11, Q12, route auto)", async () => {
    const order = qoo10Order({ status: "new" });
    await upsertOrders(db, [order]);
    const body = customerCancel(order.orderId);
    const answer = await sendIntake(body);
    expect(answer).toEqual({ status: 202, json: { requestId: expect.stringMatching(/^RD-\d+$/) } });

    const decision = await slack.waitFor(decisionFor(order.orderId), 20_000, "the decision message");
    const blocks = JSON.stringify(decision.body.blocks);
    expect(String(decision.body.text)).toContain(`${answer.json.requestId} · Cancel · Qoo10 order ${order.orderId}`);
    expect(String(decision.body.text)).toMatch(/Allowed:/);
    expect(blocks).toMatch(/Rules: Q1 · Q11 · Q12 · G3 · route: Automatic/);
    expect(blocks).toContain("The customer wrote: “I ordered the wrong size, please cancel.”");
    expect(blocks).toContain("intake:qoo10"); // requested by the intake source

    // The process logged the delivery by source, externalId and request id; never the secret or the customer's words.
    const logged = app.output.join("\n");
    const filed = app.output.find((l) => l.includes("intake request filed") && l.includes(body.externalId));
    expect(filed).toContain(`"requestId":${String(answer.json.requestId).slice(3)}`);
    expect(logged).not.toContain(INTAKE_SECRET);
    expect(logged).not.toContain("wrong size");
  });

  it("a customer's cancel request on an order awaiting shipment goes to the seller's review (Q11, Q12, route seller_review)", async () => {
    const order = qoo10Order({ status: "awaiting_shipment" });
    await upsertOrders(db, [order]);
    expect((await sendIntake(customerCancel(order.orderId))).status).toBe(202);
    const decision = await slack.waitFor(decisionFor(order.orderId), 20_000, "the decision message");
    expect(String(decision.body.text)).toMatch(/Allowed:/);
    expect(JSON.stringify(decision.body.blocks)).toMatch(/Rules: Q1 · Q11 · Q12 · G3 · route: Seller review/);
  });

  it("without the reason customer_request there is no filed cancel request: awaiting shipment, the rules refuse it (Q11, Q14)", async () => {
    const order = qoo10Order({ status: "awaiting_shipment" });
    await upsertOrders(db, [order]);
    expect((await sendIntake(customerCancel(order.orderId, "other"))).status).toBe(202);
    const decision = await slack.waitFor(decisionFor(order.orderId), 20_000, "the decision message");
    expect(String(decision.body.text)).toMatch(/Refused:/);
    expect(JSON.stringify(decision.body.blocks)).toMatch(/Rules: Q11 · Q14/);
  });

  it("/refund intake lists the intake requests for an approver, and refuses anyone else", async () => {
    const order = qoo10Order({ status: "new" });
    await upsertOrders(db, [order]);
    const body = customerCancel(order.orderId);
    const { json } = await sendIntake(body);
    await slack.waitFor(decisionFor(order.orderId), 20_000, "the decision message");

    const asApprover = await postToSlackEvents(app.baseUrl, slashCommand({ command: "/refund", text: "intake", userId: APPROVER, responseUrl: slack.responseUrl("intake-boss") }));
    const listed = (await asApprover.json()) as { response_type: string; text: string };
    expect(listed.response_type).toBe("ephemeral");
    const line = listed.text.split("\n").find((l) => l.includes(`*${String(json.requestId)}*`));
    // The state moves on after the decision (approval, execution): any of them, as the message names it.
    const [id, sender, shownOrder, state, age] = (line ?? "").replace(/^• /, "").split(" · ");
    expect([id, sender, shownOrder]).toEqual([`*${String(json.requestId)}*`, `qoo10/${body.externalId}`, `Qoo10 ${order.orderId}`]);
    const movedOn = requestStateSchema.options.filter((s) => s !== "submitted").map((s) => stateLabel(wordsFor("en"), s));
    expect(movedOn).toContain(state);
    expect(age).toMatch(/^(just now|\d+ min ago)$/);

    const asAgent = await postToSlackEvents(app.baseUrl, slashCommand({ command: "/refund", text: "intake", userId: "U0AGENT", responseUrl: slack.responseUrl("intake-agent") }));
    expect(await asAgent.json()).toEqual({ response_type: "ephemeral", text: "Only approvers can see the intake requests." });
  });

  it("answers other methods and stray paths without going down: 405 or 404, then still serves", async () => {
    const get = await fetch(`${app.baseUrl}/intake/requests`);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    // PATCH and unknown paths reach Bolt's receiver, which throws for what it does not serve.
    for (const [method, path] of [["PATCH", "/intake/requests"], ["POST", "/intake/other"], ["GET", "/"]] as const) {
      const res = await fetch(`${app.baseUrl}${path}`, { method });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
    expect(app.child.exitCode).toBeNull();
  });
});
