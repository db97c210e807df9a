import { describe, expect, it } from "vitest";
import { errorThrottle } from "../../../src/observability/error-throttle";

describe("errorThrottle", () => {
  it("lets one error of a kind through per window, and any other kind at once", () => {
    let clock = 0;
    const worthLogging = errorThrottle(5_000, () => clock);
    const refused = new Error("connect ECONNREFUSED");
    expect(worthLogging(refused)).toBe(true);
    clock = 4_999;
    expect(worthLogging(new Error("connect ECONNREFUSED"))).toBe(false);
    expect(worthLogging(new Error("READONLY"))).toBe(true);
    // The same message again right after another kind: a new line, since the last one differed.
    expect(worthLogging(refused)).toBe(true);
    clock = 9_998;
    expect(worthLogging(refused)).toBe(false);
    clock = 9_999;
    expect(worthLogging(refused)).toBe(true);
  });
});
