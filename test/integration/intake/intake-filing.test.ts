import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../../src/app/services";
import { upsertOrders } from "../../../src/db/orders";
import { signIntakeBody } from "../../../src/intake/verify-intake-signature";
import { CUSTOMER_EMAIL, intakeBody, IntakeServers, NEW_SECRET, OLD_SECRET } from "../../support/intake-server";
import { qoo10Order, uniqueOrderId } from "../../support/orders";

// Deliveries that reach the store: what is filed, once only, for which order and amount, what an
// outage answers, and what is logged.
const intake = new IntakeServers();
const { startIntake, deliver, storedFor, newOrder, logLines } = intake;
let services: Services;

beforeAll(async () => {
  ({ services } = await intake.start());
});

afterAll(() => intake.stop());

describe("POST /intake/requests, on real Postgres and Redis", () => {
  it("files a signed request (202 RD-n): stored with the customer's words, its audit row, and its evaluation queued", async () => {
    const order = await newOrder();
    const body = intakeBody(order.orderId);
    const answer = await deliver(body);
    expect(answer.status).toBe(202);
    expect(answer.json).toEqual({ requestId: expect.stringMatching(/^RD-\d+$/) });
    const id = Number(String(answer.json.requestId).slice(3));

    const row = await services.db.refundRequest.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      platform: "qoo10", orderId: order.orderId, kind: "cancel", initiator: "customer", reason: "customer_request", amount: null, currency: "JPY",
      origin: "intake", requestedBy: "intake:qoo10", idempotencyKey: `intake:qoo10:${body.externalId}`,
      customerMessage: body.message, customerFiledCancel: true, state: "submitted",
    });
    const trail = await services.db.auditEvent.findMany({ where: { requestId: id } });
    expect(trail).toMatchObject([{ action: "filed", actorType: "intake", actor: "qoo10", toState: "submitted" }]);
    // Queued before the 202: its evaluation job (one per window of filings) carries it.
    const evaluations = (await services.queues.queues.requests.getJobs(["waiting", "delayed", "active", "completed"])).filter((j) => j.name === "evaluate-requests");
    expect(evaluations.filter((j) => (j.data.requestIds as number[]).includes(id))).toHaveLength(1);
  });

  it("answers a repeated delivery 200 with the same id, and stores nothing more, even if the repeat differs", async () => {
    const order = await newOrder();
    const body = intakeBody(order.orderId);
    const first = await deliver(body);
    const second = await deliver(body);
    const altered = await deliver({ ...body, request: { kind: "cancel", initiator: "customer", reason: "other" }, message: "changed" });
    expect([first.status, second.status, altered.status]).toEqual([202, 200, 200]);
    expect(second.json).toEqual(first.json);
    expect(altered.json).toEqual(first.json);
    const rows = await storedFor(order.orderId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ reason: "customer_request", customerMessage: body.message });
  });

  it("files exactly one request for 10 identical deliveries arriving at once", async () => {
    const order = await newOrder();
    const body = intakeBody(order.orderId);
    const answers = await Promise.all(Array.from({ length: 10 }, () => deliver(body)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 202]);
    expect(new Set(answers.map((a) => a.json.requestId)).size).toBe(1);
    const rows = await storedFor(order.orderId);
    expect(rows).toHaveLength(1);
    expect(await services.db.auditEvent.count({ where: { requestId: rows[0]!.id } })).toBe(1);
  });

  it("treats the same externalId from another source as another request", async () => {
    // Two orders: a second request for everything left of one order would find nothing left.
    const [order, other] = [await newOrder(), await newOrder()];
    const body = intakeBody(order.orderId);
    const a = await deliver(body);
    const b = await deliver({ ...body, orderId: other.orderId, source: "cs-form" });
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(a.json.requestId).not.toEqual(b.json.requestId);
    expect(await storedFor(order.orderId)).toHaveLength(1);
    expect(await storedFor(other.orderId)).toHaveLength(1);
  });

  it("answers 404 for an order the store does not know, and stores nothing; a later retry, once the order exists, files it", async () => {
    const orderId = uniqueOrderId("QX");
    const body = intakeBody(orderId);
    const answer = await deliver(body);
    expect(answer).toMatchObject({ status: 404, json: { error: "order_not_found" } });
    expect(await storedFor(orderId)).toHaveLength(0);
    await upsertOrders(services.db, [qoo10Order({ orderId })]);
    expect((await deliver(body)).status).toBe(202);
  });

  it("is off without INTAKE_SECRET: 404 even for a signed delivery, nothing stored", async () => {
    const off = await startIntake({});
    const order = await newOrder();
    const answer = await deliver(intakeBody(order.orderId), { url: off.baseUrl });
    expect(answer).toMatchObject({ status: 404, json: { error: "intake_disabled" } });
    expect(await storedFor(order.orderId)).toHaveLength(0);
  });

  it("answers 422 naming request.amount, never 503, for an amount no order can grant: beyond a 32-bit integer, above the order's total", async () => {
    const order = await newOrder();
    const body = intakeBody(order.orderId, { request: { kind: "refund", initiator: "customer", reason: "defective_item", amount: 2_147_483_648 } });
    const answer = await deliver(body);
    expect(answer).toMatchObject({ status: 422, json: { errors: [{ path: "request.amount", message: expect.stringContaining("at most the order's total") }] } });
    expect(answer.headers.get("retry-after")).toBeNull();
    expect(await storedFor(order.orderId)).toHaveLength(0);
  });

  it("answers 422 naming request.amount when the order's open requests leave less than it asks", async () => {
    const order = await newOrder();
    expect((await deliver(intakeBody(order.orderId))).status).toBe(202);
    const answer = await deliver(intakeBody(order.orderId, { externalId: `CS-${uniqueOrderId()}` }));
    expect(answer).toMatchObject({ status: 422, json: { errors: [{ path: "request.amount", message: expect.stringContaining("nothing is left to refund") }] } });
    expect(await storedFor(order.orderId)).toHaveLength(1);
  });

  it("answers 503 with a retry hint when Postgres is down", async () => {
    const down = await startIntake({ INTAKE_SECRET: NEW_SECRET, DATABASE_URL: "postgresql://postgres@127.0.0.1:1/refund_desk" });
    const answer = await deliver(intakeBody("QX-ANY"), { url: down.baseUrl });
    expect(answer).toMatchObject({ status: 503, json: { error: "unavailable", retryAfterSeconds: 30 } });
    expect(answer.headers.get("retry-after")).toBe("30");
  });

  it("answers 503 when filing stalls (Redis unreachable); what was stored is found by the sender's retry", async () => {
    const stalled = await startIntake({ INTAKE_SECRET: NEW_SECRET, REDIS_URL: "redis://127.0.0.1:1" }, { filingTimeoutMs: 1_000 });
    // Expected connection errors: keep them out of the test output.
    stalled.services.redis.on("error", () => {});
    for (const queue of Object.values(stalled.services.queues.queues)) queue.on("error", () => {});
    const order = await newOrder();
    const body = intakeBody(order.orderId);
    const answer = await deliver(body, { url: stalled.baseUrl });
    expect(answer).toMatchObject({ status: 503, json: { error: "unavailable" } });
    // The request and its audit row were stored in one statement before queueing stalled; the sweeper queues it.
    const [row] = await storedFor(order.orderId);
    expect(row).toMatchObject({ state: "submitted", idempotencyKey: `intake:qoo10:${body.externalId}` });
    const retry = await deliver(body);
    expect(retry).toMatchObject({ status: 200, json: { requestId: `RD-${row!.id}` } });
  });

  it("never logs the secret, the signature or the customer's words; logs the source, externalId and request id", async () => {
    const order = await newOrder();
    const body = intakeBody(order.orderId);
    const raw = JSON.stringify(body);
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = signIntakeBody(NEW_SECRET, timestamp, raw);
    logLines.length = 0;
    const filed = await deliver(raw, { timestamp, signature });
    await deliver(raw, { timestamp, signature: signIntakeBody("a-secret-we-never-had-123", timestamp, raw) });
    await deliver({ ...body, platform: "amazon" });
    const logged = logLines.join("\n");
    expect(logged).toContain(`"externalId":"${body.externalId}"`);
    expect(logged).toContain(`"requestId":${Number(String(filed.json.requestId).slice(3))}`);
    expect(logged).toContain('"source":"qoo10"');
    for (const secretThing of [NEW_SECRET, OLD_SECRET, signature.slice(3), CUSTOMER_EMAIL, "Please cancel"]) expect(logged).not.toContain(secretThing);
  });
});
