import { describe, expect, it } from "vitest";
import { MAX_CUSTOMER_MESSAGE_LENGTH, parseIntakeBody } from "../../../src/intake/intake-body";

const ARRIVED = new Date("2026-11-23T10:00:00Z");

const valid = {
  source: "qoo10",
  externalId: "CS-2026-0001",
  platform: "qoo10",
  orderId: "QX100",
  request: { kind: "cancel", initiator: "customer", reason: "customer_request" },
  message: "Please cancel, I ordered twice.",
};

const parse = (body: unknown) => parseIntakeBody(Buffer.from(typeof body === "string" ? body : JSON.stringify(body)), ARRIVED);

function errorsOf(body: unknown) {
  const result = parse(body);
  if (result.ok) throw new Error("expected the body to be refused");
  return result.errors;
}

describe("reading an intake body", () => {
  it("reads a valid delivery, fills the defaults and takes the arrival time as requestedAt", () => {
    expect(parse(valid)).toEqual({
      ok: true,
      intake: {
        source: "qoo10",
        externalId: "CS-2026-0001",
        platform: "qoo10",
        orderId: "QX100",
        request: { kind: "cancel", initiator: "customer", reason: "customer_request", notifyCustomer: false, flagCustomer: false, returnReceived: false, requestedAt: ARRIVED },
        message: "Please cancel, I ordered twice.",
        customerFiledCancel: true,
      },
    });
  });

  it("keeps every field of the request when sent, and the sender's own requestedAt", () => {
    const result = parse({
      ...valid,
      platform: "cyberbiz",
      request: { kind: "refund", initiator: "customer", reason: "defective_item", amount: 300, notifyCustomer: true, flagCustomer: false, returnReceived: true, requestedAt: "2026-11-23T17:58:30+08:00" },
    });
    expect(result.ok && result.intake.request).toEqual({
      kind: "refund", initiator: "customer", reason: "defective_item", amount: 300, notifyCustomer: true, flagCustomer: false, returnReceived: true,
      requestedAt: new Date("2026-11-23T09:58:30Z"),
    });
  });

  it.each([
    ["the customer's own cancel request", "customer", "customer_request", true],
    ["a customer's request for another reason", "customer", "modify_order", false],
    ["the store citing the customer's request", "store", "customer_request", false],
  ] as const)("counts %s as a filed cancel request: %s", (_label, initiator, reason, filed) => {
    const result = parse({ ...valid, request: { ...valid.request, initiator, reason } });
    expect(result.ok && result.intake.customerFiledCancel).toBe(filed);
  });

  it("trims the customer's words and drops an empty message; trims the order id", () => {
    const result = parse({ ...valid, orderId: "  QX100 ", message: "   " });
    expect(result.ok && result.intake.orderId).toBe("QX100");
    expect(result.ok && "message" in result.intake).toBe(false);
    const { message: _omitted, ...withoutMessage } = valid;
    expect(parse(withoutMessage).ok).toBe(true);
  });

  it("reports every missing field at once, each with its path", () => {
    expect(errorsOf({})).toEqual([
      { path: "source", message: "missing; expected a string" },
      { path: "externalId", message: "missing; expected a string" },
      { path: "platform", message: 'missing; expected one of "cyberbiz", "qoo10"' },
      { path: "orderId", message: "missing; expected a string" },
      { path: "request", message: "missing; expected an object" },
    ]);
    expect(errorsOf({ ...valid, request: {} }).map((e) => e.path)).toEqual(["request.kind", "request.initiator", "request.reason"]);
  });

  it("reports every wrong field at once, without repeating the values sent", () => {
    const errors = errorsOf({
      source: "Qoo10:jp",
      externalId: "has space",
      platform: "amazon",
      orderId: "   ",
      request: { kind: "exchange", initiator: "bot", reason: "changed my mind", amount: 12.5, notifyCustomer: "yes", flagCustomer: 1, returnReceived: null, requestedAt: "yesterday" },
      message: 42,
    });
    expect(errors).toEqual([
      { path: "source", message: expect.stringMatching(/^expected 1 to 32 lower-case letters/) },
      { path: "externalId", message: "expected 1 to 128 printable ASCII characters without spaces" },
      { path: "platform", message: 'expected one of "cyberbiz", "qoo10"' },
      { path: "orderId", message: "expected a non-empty order id" },
      { path: "request.kind", message: 'expected one of "cancel", "refund", "return"' },
      { path: "request.initiator", message: 'expected one of "store", "customer"' },
      { path: "request.reason", message: expect.stringContaining('"customer_request"') },
      { path: "request.amount", message: "expected a whole number" },
      { path: "request.notifyCustomer", message: "expected true or false" },
      { path: "request.flagCustomer", message: "expected true or false" },
      { path: "request.returnReceived", message: "expected true or false" },
      { path: "request.requestedAt", message: expect.stringMatching(/^expected an ISO 8601 timestamp with a zone/) },
      { path: "message", message: "expected a string" },
    ]);
    const all = JSON.stringify(errors);
    for (const sent of ["amazon", "exchange", "changed my mind", "yesterday", "has space"]) expect(all).not.toContain(sent);
  });

  it("refuses unknown fields at the top and in the request: a typo must not become a full refund", () => {
    expect(errorsOf({ ...valid, customer: { email: "a@example.com" }, request: { ...valid.request, ammount: 100 } })).toEqual([
      { path: "request.ammount", message: "unknown field" },
      { path: "customer", message: "unknown field" },
    ]);
  });

  it("refuses a negative amount, too long ids and messages", () => {
    expect(errorsOf({ ...valid, request: { ...valid.request, amount: -1 } })).toEqual([{ path: "request.amount", message: "expected a whole number ≥ 0" }]);
    expect(errorsOf({ ...valid, source: "s".repeat(33) }).map((e) => e.path)).toEqual(["source"]);
    expect(errorsOf({ ...valid, externalId: "e".repeat(129) }).map((e) => e.path)).toEqual(["externalId"]);
    expect(errorsOf({ ...valid, orderId: "o".repeat(65) })).toEqual([{ path: "orderId", message: "expected at most 64 characters" }]);
    expect(parse({ ...valid, message: "m".repeat(MAX_CUSTOMER_MESSAGE_LENGTH) }).ok).toBe(true);
    expect(errorsOf({ ...valid, message: "m".repeat(MAX_CUSTOMER_MESSAGE_LENGTH + 1) })).toEqual([{ path: "message", message: `expected at most ${MAX_CUSTOMER_MESSAGE_LENGTH} characters` }]);
  });

  it("refuses a requestedAt beyond the signature's clock tolerance, in the future or in the past: either would move the C7 window", () => {
    const at = (iso: string) => parse({ ...valid, request: { ...valid.request, requestedAt: iso } });
    const refused = { ok: false, errors: [{ path: "request.requestedAt", message: "expected a time within 5 minutes of now; leave it out to use the time the request arrives" }] };
    expect(at("2026-11-23T10:05:00Z").ok).toBe(true);
    expect(at("2026-11-23T09:55:00Z").ok).toBe(true);
    expect(at("2026-11-23T10:05:01Z")).toEqual(refused);
    expect(at("2026-11-23T09:54:59Z")).toEqual(refused);
    // Sixty days back: a LINE Pay refund moved out of (or, sent forward, into) C7's window.
    expect(at("2026-09-24T10:00:00Z")).toEqual(refused);
  });

  it.each([
    ["not JSON", "source=qoo10", "expected a JSON object; the body is not valid JSON"],
    ["empty", "", "expected a JSON object; the body is not valid JSON"],
    ["a JSON array", "[]", "expected an object"],
    ["JSON null", "null", "expected an object"],
    ["a JSON string", '"hello"', "expected an object"],
  ])("refuses a body that is %s, at the path of the body itself", (_label, body, message) => {
    expect(errorsOf(body)).toEqual([{ path: "", message }]);
  });

  it("refuses bytes that are not UTF-8", () => {
    expect(parseIntakeBody(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), ARRIVED)).toEqual({ ok: false, errors: [{ path: "", message: "expected UTF-8 text" }] });
  });
});
