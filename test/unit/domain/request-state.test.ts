import { describe, expect, it } from "vitest";
import { canMove, FINAL_STATES, requestStateSchema, stateAfterDecision, statesThatMoveTo } from "../../../src/domain/request-state";

describe("the request's states", () => {
  it("never leaves a final state", () => {
    for (const final of FINAL_STATES) for (const to of requestStateSchema.options) expect(canMove(final, to)).toBe(false);
  });

  it("only an approval (or a retry after a failure) leads to execution", () => {
    expect(statesThatMoveTo("approved").sort()).toEqual(["awaiting_approval", "failed", "submitted"].sort());
    expect(statesThatMoveTo("executing").sort()).toEqual(["approved", "executing"].sort());
  });

  it.each([
    ["reject", "rejected"],
    ["wait", "waiting"],
    ["allow", "awaiting_approval"],
    ["manual", "awaiting_approval"],
  ] as const)("a %s decision puts a request in %s", (outcome, state) => {
    expect(stateAfterDecision({ outcome })).toBe(state);
  });
});
