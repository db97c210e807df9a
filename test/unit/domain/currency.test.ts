import { describe, expect, it } from "vitest";
import { fromMajorUnits, minorDigits, toMajorUnits } from "../../../src/domain/currency";

// One case per class of currency: none of a minor unit (JPY, and TWD as it is used), two decimals
// (USD, THB), three (KWD).
describe("currency units (ISO 4217, TWD counted whole)", () => {
  it.each([
    ["JPY", 0, 1200, 1200],
    ["TWD", 0, 1200, 1200],
    ["USD", 2, 1050, 10.5],
    ["THB", 2, 99, 0.99],
    ["KWD", 3, 1250, 1.25],
  ])("%s has %i decimals: %i in its smallest unit is %d in its major unit, and back", (currency, digits, minor, major) => {
    expect(minorDigits(currency)).toBe(digits);
    expect(toMajorUnits(minor, currency)).toBe(major);
    expect(fromMajorUnits(major, currency)).toBe(minor);
  });

  it("a major amount with more decimals than the currency has names no amount of it", () => {
    expect(fromMajorUnits(10.5, "JPY")).toBeNull();
    expect(fromMajorUnits(0.001, "USD")).toBeNull();
    expect(fromMajorUnits(0.1 + 0.2, "USD")).toBe(30);
  });
});
