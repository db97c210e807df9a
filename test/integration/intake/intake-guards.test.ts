import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../../src/app/services";
import { INTAKE_PATH, MAX_INTAKE_BODY_BYTES } from "../../../src/intake/intake-routes";
import { signIntakeBody } from "../../../src/intake/verify-intake-signature";
import { intakeBody, IntakeServers, NEW_SECRET, OLD_SECRET } from "../../support/intake-server";

// Deliveries refused before any order is looked up: signature, timestamp, JSON shape, media type,
// size and method.
const intake = new IntakeServers();
const { deliver, storedFor, newOrder } = intake;
let services: Services;
let baseUrl: string;

beforeAll(async () => {
  ({ services, baseUrl } = await intake.start());
});

afterAll(() => intake.stop());

describe("POST /intake/requests, on real Postgres and Redis", () => {
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
});
