import { request as httpRequest } from "node:http";
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../../src/app/services";
import { upsertOrders } from "../../../src/db/orders";
import { INTAKE_PATH, intakeRoutes, MAX_INTAKE_BODY_BYTES } from "../../../src/intake/intake-routes";
import { signIntakeBody } from "../../../src/intake/verify-intake-signature";
import { createHttpApp } from "../../../src/http/http-app";
import { startHttpServer, type RunningServer } from "../../../src/http/start-http-server";
import { testWorkspace } from "../../support/test-workspace";
import type { LocalWorkspace } from "../../../src/local-workspace/local-workspace";
import { qoo10Order, uniqueOrderId } from "../../support/orders";
import { testServices } from "../../support/test-services";

const OLD_SECRET = "old-intake-secret-0123456789";
const NEW_SECRET = "new-intake-secret-abcdefghij";
const CUSTOMER_EMAIL = "hanako@example.jp";

let slack: LocalWorkspace;
const started: { services: Services; http: RunningServer }[] = [];
let services: Services;
let baseUrl: string;
const logLines: string[] = [];

/** The intake routes alone, on a free port, over this run's database and Redis. */
async function startIntake(env: Record<string, string>, options: Parameters<typeof intakeRoutes>[1] = {}) {
  const s = testServices(slack.apiUrl, env);
  const log = pino({ level: "info" }, new Writable({ write: (chunk, _enc, done) => (logLines.push(String(chunk)), done()) }));
  const withLog = { ...s, log };
  const app = createHttpApp({ routes: intakeRoutes(withLog, options) }, s.metrics, (err) => log.error({ err }, "HTTP handler failed"));
  const http = await startHttpServer(app, 0);
  started.push({ services: s, http });
  return { services: s, baseUrl: `http://127.0.0.1:${http.port}` };
}

beforeAll(async () => {
  slack = testWorkspace();
  await slack.start();
  ({ services, baseUrl } = await startIntake({ INTAKE_SECRET: `${OLD_SECRET},${NEW_SECRET}` }));
});

afterAll(async () => {
  for (const { services: s, http } of started) {
    await http.close();
    await s.close();
  }
  await slack?.stop();
});

function intakeBody(orderId: string, overrides: Record<string, unknown> = {}) {
  return {
    source: "qoo10",
    externalId: `CS-${uniqueOrderId()}`,
    platform: "qoo10",
    orderId,
    request: { kind: "cancel", initiator: "customer", reason: "customer_request" },
    message: `Please cancel, write to ${CUSTOMER_EMAIL}`,
    ...overrides,
  };
}

interface DeliverOptions {
  secret?: string;
  timestamp?: number;
  signature?: string | null;
  contentType?: string;
  method?: string;
  url?: string;
}

async function deliver(body: unknown, options: DeliverOptions = {}) {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { "content-type": options.contentType ?? "application/json", "x-refund-desk-timestamp": String(timestamp) };
  const signature = options.signature === undefined ? signIntakeBody(options.secret ?? NEW_SECRET, timestamp, raw) : options.signature;
  if (signature !== null) headers["x-refund-desk-signature"] = signature;
  const res = await fetch(`${options.url ?? baseUrl}${INTAKE_PATH}`, { method: options.method ?? "POST", headers, ...(options.method === "GET" ? {} : { body: raw }) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function storedFor(orderId: string) {
  return services.db.refundRequest.findMany({ where: { orderId } });
}

async function newOrder(status: "new" | "awaiting_shipment" = "new") {
  const order = qoo10Order({ status });
  await upsertOrders(services.db, [order]);
  return order;
}

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

  it("accepts both secrets of a rotation and refuses any other (401), storing nothing", async () => {
    const [order, other] = [await newOrder(), await newOrder()];
    expect((await deliver(intakeBody(order.orderId), { secret: OLD_SECRET })).status).toBe(202);
    expect((await deliver(intakeBody(other.orderId), { secret: NEW_SECRET })).status).toBe(202);
    const forged = await deliver(intakeBody(order.orderId), { secret: "a-secret-we-never-had-123" });
    expect(forged).toMatchObject({ status: 401, json: { error: "unauthorized", problem: "signature_mismatch" } });
    expect([...(await storedFor(order.orderId)), ...(await storedFor(other.orderId))]).toHaveLength(2);
  });

  it("refuses missing headers and a tampered body with 401, storing nothing", async () => {
    const order = await newOrder();
    const unsigned = await deliver(intakeBody(order.orderId), { signature: null });
    expect(unsigned).toMatchObject({ status: 401, json: { problem: "missing_headers" } });
    const body = JSON.stringify(intakeBody(order.orderId));
    const timestamp = Math.floor(Date.now() / 1000);
    const tampered = await deliver(body.replace('"customer_request"', '"out_of_stock"'), { timestamp, signature: signIntakeBody(NEW_SECRET, timestamp, body) });
    expect(tampered).toMatchObject({ status: 401, json: { problem: "signature_mismatch" } });
    expect(await storedFor(order.orderId)).toHaveLength(0);
  });

  it("refuses a captured delivery replayed outside the 5-minute window (401), storing nothing", async () => {
    const order = await newOrder();
    for (const offset of [-6 * 60, 6 * 60]) {
      const answer = await deliver(intakeBody(order.orderId), { timestamp: Math.floor(Date.now() / 1000) + offset });
      expect(answer).toMatchObject({ status: 401, json: { problem: "timestamp_out_of_window" } });
    }
    expect(await storedFor(order.orderId)).toHaveLength(0);
  });

  it("answers 400 with every problem and its path, storing nothing", async () => {
    const order = await newOrder();
    const answer = await deliver(intakeBody(order.orderId, { platform: "amazon", request: { kind: "cancel", initiator: "customer", reason: "whim", ammount: 5 } }));
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({
      errors: [
        { path: "platform", message: 'expected one of "cyberbiz", "qoo10"' },
        { path: "request.reason", message: expect.stringContaining("expected one of") },
        { path: "request.ammount", message: "unknown field" },
      ],
    });
    expect((await deliver("{not json")).json).toEqual({ errors: [{ path: "", message: "expected a JSON object; the body is not valid JSON" }] });
    expect(await storedFor(order.orderId)).toHaveLength(0);
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

  it("answers 415 for a body that is not JSON, storing nothing", async () => {
    const order = await newOrder();
    const body = new URLSearchParams({ source: "qoo10", orderId: order.orderId }).toString();
    for (const contentType of ["application/x-www-form-urlencoded", "text/plain"]) {
      const answer = await deliver(body, { contentType });
      expect(answer).toMatchObject({ status: 415, json: { error: "unsupported_media_type" } });
    }
    expect(await storedFor(order.orderId)).toHaveLength(0);
  });

  it("reads a body of exactly 64 KiB, and answers 413 one byte over, storing nothing", async () => {
    const order = await newOrder();
    const body = JSON.stringify(intakeBody(order.orderId));
    const padded = (size: number) => body + " ".repeat(size - Buffer.byteLength(body));
    const atLimit = await deliver(padded(MAX_INTAKE_BODY_BYTES));
    expect(atLimit.status).toBe(202);
    const over = intakeBody(order.orderId);
    const overBody = JSON.stringify(over);
    const answer = await deliver(overBody + " ".repeat(MAX_INTAKE_BODY_BYTES + 1 - Buffer.byteLength(overBody)));
    expect(answer).toMatchObject({ status: 413, json: { error: "payload_too_large", limitBytes: 65536 } });
    expect(await services.db.refundRequest.count({ where: { idempotencyKey: `intake:qoo10:${over.externalId}` } })).toBe(0);
  });

  it("answers 413 to a declared length over the limit without waiting for the body", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${baseUrl}${INTAKE_PATH}`, { method: "POST", headers: { "content-type": "application/json", "content-length": String(10 * 1024 * 1024) } });
      req.on("response", (res) => {
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on("error", reject);
      req.flushHeaders(); // the headers, and not one byte of the 10 MB announced
    });
    expect(status).toBe(413);
  });

  it("answers 413 to an endless chunked body: it stops reading instead of buffering", async () => {
    const chunk = Buffer.alloc(16 * 1024, 0x20);
    const status = await new Promise<number>((resolve) => {
      let answered = false;
      const req = httpRequest(`${baseUrl}${INTAKE_PATH}`, { method: "POST", headers: { "content-type": "application/json", "transfer-encoding": "chunked" } });
      req.on("response", (res) => {
        answered = true;
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on("error", () => {}); // the server closes the connection while we still write
      const pump = () => {
        while (!answered && req.write(chunk)) {
          /* keep writing until the server answers */
        }
        if (!answered) req.once("drain", pump);
      };
      pump();
    });
    expect(status).toBe(413);
  });

  it("answers 405 with Allow: POST to other methods", async () => {
    const answer = await deliver("", { method: "GET" });
    expect(answer.status).toBe(405);
    expect(answer.headers.get("allow")).toBe("POST");
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
