import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkIntakeDelivery } from "../../../src/intake/check-intake-delivery";
import { isJsonContentType } from "../../../src/intake/json-content-type";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signIntakeBody } from "../../../src/intake/verify-intake-signature";

const SECRETS = ["intake-secret-0123456789", "rotated-secret-abcdefghij"];
const ARRIVED = new Date("2026-11-23T10:00:00Z");
const NOW_SECONDS = Math.floor(ARRIVED.getTime() / 1000);

const headerValue = fc.oneof(fc.constant(undefined), fc.string(), fc.array(fc.string(), { maxLength: 3 }), fc.stringMatching(/^v1=[0-9a-f]{0,70}$/), fc.integer().map(String));

const headers = fc.record(
  { [TIMESTAMP_HEADER]: headerValue, [SIGNATURE_HEADER]: headerValue, "content-type": headerValue, other: headerValue },
  { requiredKeys: [] },
);

/** A body that looks like an intake, with any field possibly wrong, missing or extra. */
const almostValid = fc
  .record(
    {
      source: fc.oneof(fc.constant("qoo10"), fc.anything()),
      externalId: fc.oneof(fc.string(), fc.anything()),
      platform: fc.oneof(fc.constantFrom("qoo10", "cyberbiz"), fc.anything()),
      orderId: fc.oneof(fc.string(), fc.anything()),
      request: fc.oneof(
        fc.record(
          {
            kind: fc.oneof(fc.constantFrom("cancel", "refund", "return"), fc.anything()),
            initiator: fc.oneof(fc.constantFrom("customer", "store"), fc.anything()),
            reason: fc.oneof(fc.constantFrom("customer_request", "other", "out_of_stock"), fc.anything()),
            amount: fc.oneof(fc.integer(), fc.double(), fc.anything()),
            requestedAt: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string(), fc.anything()),
            notifyCustomer: fc.oneof(fc.boolean(), fc.anything()),
          },
          { requiredKeys: [] },
        ),
        fc.anything(),
      ),
      message: fc.oneof(fc.string({ maxLength: 5000 }), fc.anything()),
      extra: fc.anything(),
    },
    { requiredKeys: [] },
  )
  .map((value) => JSON.stringify(value) ?? "");

/** A body every field of which is valid: the parser must read it. */
const valid = fc
  .record(
    {
      source: fc.stringMatching(/^[a-z0-9][a-z0-9_.-]{0,31}$/),
      externalId: fc.stringMatching(/^[\x21-\x7e]{1,128}$/),
      platform: fc.constantFrom("qoo10", "cyberbiz"),
      orderId: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/),
      request: fc.record(
        {
          kind: fc.constantFrom("cancel", "refund", "return"),
          initiator: fc.constantFrom("customer", "store"),
          reason: fc.constantFrom("customer_request", "other", "out_of_stock", "modify_order"),
          amount: fc.nat(),
          requestedAt: fc.date({ min: new Date(ARRIVED.getTime() - 600_000), max: new Date(ARRIVED.getTime() + 600_000), noInvalidDate: true }).map((d) => d.toISOString()),
          notifyCustomer: fc.boolean(),
        },
        { requiredKeys: ["kind", "initiator", "reason"] },
      ),
      message: fc.string({ maxLength: 200 }),
    },
    { requiredKeys: ["source", "externalId", "platform", "orderId", "request"] },
  )
  .map((value) => JSON.stringify(value));

const bodies = fc.oneof(
  valid.map((s) => Buffer.from(s)),
  fc.uint8Array({ maxLength: 512 }),
  fc.string().map((s) => Buffer.from(s)),
  fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? "")),
  almostValid.map((s) => Buffer.from(s)),
);

describe("checking a delivery, for any headers and bytes", () => {
  it("never throws, and refuses anything unsigned with 401", () => {
    fc.assert(
      fc.property(headers, bodies, (h, body) => {
        const check = checkIntakeDelivery({ headers: h, body }, SECRETS, ARRIVED);
        // Random headers cannot carry a valid signature: nothing unsigned gets as far as the parser.
        expect(check).toMatchObject({ ok: false, status: 401, answer: { error: "unauthorized", problem: expect.any(String) } });
      }),
      { numRuns: 500 },
    );
  });

  it("never throws on a correctly signed body: it is either read, or refused with 400 and field errors", () => {
    fc.assert(
      fc.property(bodies, fc.constantFrom(...SECRETS), fc.integer({ min: -300, max: 300 }), (body, secret, skew) => {
        const timestamp = String(NOW_SECONDS + skew);
        const check = checkIntakeDelivery({ headers: { [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signIntakeBody(secret, timestamp, body) }, body }, SECRETS, ARRIVED);
        if (check.ok) {
          const { intake } = check;
          expect(intake.source).toMatch(/^[a-z0-9][a-z0-9_.-]{0,31}$/);
          expect(Math.abs(intake.request.requestedAt.getTime() - ARRIVED.getTime())).toBeLessThanOrEqual(300_000);
          expect(intake.customerFiledCancel).toBe(intake.request.initiator === "customer" && intake.request.reason === "customer_request");
          return;
        }
        expect(check.status).toBe(400);
        if (check.status !== 400) return;
        expect(check.answer.errors.length).toBeGreaterThan(0);
        for (const error of check.answer.errors) {
          expect(typeof error.path).toBe("string");
          expect(error.message).toMatch(/\S/);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("never throws on any content type", () => {
    fc.assert(fc.property(fc.option(fc.string(), { nil: undefined }), (header) => typeof isJsonContentType(header) === "boolean"));
  });
});
