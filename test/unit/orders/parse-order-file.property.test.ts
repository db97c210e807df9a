import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { orderSchema } from "../../../src/domain/order";
import { parseOrderFile } from "../../../src/cli/parse-order-file";
import { orderArbitrary } from "../policy/arbitraries";

/** An order as a file holds it: the vocabulary's input shape, from a valid order. */
const orderLine = orderArbitrary.map((order) => JSON.stringify(order));

/** A line that is almost an order: one field removed, retyped, or junk added. */
const brokenLine = fc
  .tuple(orderArbitrary, fc.constantFrom("platform", "orderId", "status", "total", "refunded", "currency", "createdAt", "couponCodes"), fc.anything())
  .map(([order, field, junk]) => JSON.stringify({ ...order, [field]: junk }) ?? "{}");

const files = fc.oneof(
  fc.string({ maxLength: 2_000 }),
  fc.string({ unit: "binary", maxLength: 500 }),
  fc.array(fc.oneof(orderLine, brokenLine, fc.string({ maxLength: 80 }), fc.constant("")), { maxLength: 30 }).map((lines) => lines.join("\n")),
  fc.array(fc.oneof(orderLine, brokenLine, fc.jsonValue().map((v) => JSON.stringify(v))), { maxLength: 20 }).map((items) => `[\n${items.join(",\n")}\n]`),
  fc.jsonValue().map((v) => JSON.stringify(v, null, 2)),
);

describe("an order file of any text", () => {
  it("never throws: it reads orders the vocabulary accepts, or names problems, never both", () => {
    fc.assert(
      fc.property(files, (text) => {
        const result = parseOrderFile(text);
        if (result.ok) {
          expect(result.orders.length).toBeGreaterThan(0);
          for (const order of result.orders) expect(orderSchema.safeParse(order).success).toBe(true);
          expect(new Set(result.orders.map((o) => `${o.platform}:${o.orderId}`)).size).toBe(result.orders.length);
        } else {
          expect(result.problems.length).toBeGreaterThan(0);
          expect(result.problems.length).toBeLessThanOrEqual(51);
          for (const problem of result.problems) expect(problem).toMatch(/\S/);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it("reads every file of valid, distinct orders, whichever of the two layouts", () => {
    fc.assert(
      fc.property(fc.uniqueArray(orderArbitrary, { minLength: 1, maxLength: 10, selector: (o) => `${o.platform}:${o.orderId}` }), fc.boolean(), (orders, asArray) => {
        const lines = orders.map((o) => JSON.stringify(o));
        const result = parseOrderFile(asArray ? `[${lines.join(",\n")}]` : lines.join("\n"));
        expect(result.ok && result.orders.length).toBe(orders.length);
      }),
      { numRuns: 300 },
    );
  });
});
