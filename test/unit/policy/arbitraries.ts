import fc from "fast-check";
import { cyberbizStatusSchema, orderSchema, paymentMethodSchema, qoo10StatusSchema, type Order } from "../../../src/domain/order";
import { initiatorSchema, REASONS, refundRequestSchema, requestKindSchema, type RefundRequest } from "../../../src/domain/request";
import { DAY_MS } from "./fixtures";

const FROM = Date.parse("2024-01-01T00:00:00Z");
const TO = Date.parse("2030-01-01T00:00:00Z");
const ZONES = ["Z", "+08:00", "+09:00", "-05:00"] as const;

/** An ISO timestamp with a zone, in one of several zones, for the same instant. */
function isoAt(ms: number, zone: (typeof ZONES)[number]): string {
  if (zone === "Z") return new Date(ms).toISOString();
  const sign = zone.startsWith("-") ? -1 : 1;
  const offsetMs = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60 * 1000;
  return new Date(ms + offsetMs).toISOString().replace("Z", zone);
}

/** Any order the schema accepts, raw, then parsed: what the engine can be handed. */
export const orderArbitrary: fc.Arbitrary<Order> = fc
  .record({
    platform: fc.constantFrom("cyberbiz", "qoo10"),
    cyberbizStatus: fc.constantFrom(...cyberbizStatusSchema.options),
    qoo10Status: fc.constantFrom(...qoo10StatusSchema.options),
    orderId: fc.stringMatching(/^[A-Z0-9-]{1,12}$/),
    paymentMethod: fc.constantFrom(...paymentMethodSchema.options),
    currency: fc.constantFrom("TWD", "JPY"),
    total: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 2_000_000 })),
    refundedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    fullyRefunded: fc.boolean(),
    createdAtMs: fc.integer({ min: FROM, max: TO }),
    zone: fc.constantFrom(...ZONES),
    pointsUsed: fc.integer({ min: 0, max: 10_000 }),
    couponCodes: fc.array(fc.stringMatching(/^[A-Z0-9]{1,10}$/), { maxLength: 3 }),
    customerCancelRequested: fc.boolean(),
    buyerLocale: fc.option(fc.constantFrom("ja-JP", "zh-TW", "en"), { nil: undefined }),
  })
  .map((raw) =>
    orderSchema.parse({
      platform: raw.platform,
      status: raw.platform === "cyberbiz" ? raw.cyberbizStatus : raw.qoo10Status,
      orderId: raw.orderId,
      paymentMethod: raw.paymentMethod,
      currency: raw.currency,
      total: raw.total,
      refunded: raw.fullyRefunded ? raw.total : Math.floor(raw.total * raw.refundedShare),
      createdAt: isoAt(raw.createdAtMs, raw.zone),
      pointsUsed: raw.pointsUsed,
      couponCodes: raw.couponCodes,
      customerCancelRequested: raw.customerCancelRequested,
      buyerLocale: raw.buyerLocale,
    }),
  );

/** Any request the schema accepts, timed from a day before the order to 200 days after, near C7's edge often. */
export function requestArbitrary(order: Order): fc.Arbitrary<RefundRequest> {
  const createdAtMs = Date.parse(order.createdAt);
  const age = fc.oneof(fc.integer({ min: -DAY_MS, max: 200 * DAY_MS }), fc.integer({ min: 60 * DAY_MS - 2, max: 60 * DAY_MS + 2 }));
  return fc
    .record({
      kind: fc.constantFrom(...requestKindSchema.options),
      initiator: fc.constantFrom(...initiatorSchema.options),
      reason: fc.constantFrom(...REASONS),
      amount: fc.option(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: order.total + 2 }), fc.integer({ min: 0, max: 3_000_000 })), { nil: undefined }),
      notifyCustomer: fc.boolean(),
      flagCustomer: fc.boolean(),
      returnReceived: fc.boolean(),
      age,
      zone: fc.constantFrom(...ZONES),
    })
    .map(({ age: ageMs, zone, ...fields }) => refundRequestSchema.parse({ ...fields, requestedAt: isoAt(createdAtMs + ageMs, zone) }));
}

export const caseArbitrary = orderArbitrary.chain((order) => requestArbitrary(order).map((request) => ({ order, request })));
