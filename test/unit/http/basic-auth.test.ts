import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hasCredentials } from "../../../src/http/basic-auth";

const expected = { user: "ops", password: "correct-horse-battery" };
const header = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

describe("basic auth of the queue dashboard", () => {
  it("accepts exactly the configured user and password", () => {
    expect(hasCredentials(header("ops", "correct-horse-battery"), expected)).toBe(true);
    expect(hasCredentials(`basic   ${Buffer.from("ops:correct-horse-battery").toString("base64")}`, expected)).toBe(true);
  });

  it("refuses a wrong user, a wrong password, a prefix of either, and other schemes", () => {
    for (const value of [header("ops", "correct-horse"), header("op", "correct-horse-battery"), header("ops", "correct-horse-battery "), header("OPS", "correct-horse-battery"), "Bearer x", "Basic", "Basic !!!", undefined]) {
      expect(hasCredentials(value, expected), String(value)).toBe(false);
    }
    // A password containing a colon is split at the first one, as RFC 7617 says.
    expect(hasCredentials(header("ops", "a:b-c:d-efghij"), { user: "ops", password: "a:b-c:d-efghij" })).toBe(true);
  });

  it("never throws and never accepts a random header", () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.string().map((s) => `Basic ${s}`), fc.string().map((s) => `Basic ${Buffer.from(s).toString("base64")}`)), (value) => !hasCredentials(value, expected)), { numRuns: 2_000 });
  });
});
