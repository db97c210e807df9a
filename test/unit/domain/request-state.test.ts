import { describe, expect, it } from "vitest";
import { canMove, FINAL_STATES, requestStateSchema, statesThatMoveTo } from "../../../src/domain/request-state";

describe("the request's states", () => {
  it("never leaves a final state", () => {
    for (const final of FINAL_STATES) for (const to of requestStateSchema.options) expect(canMove(final, to)).toBe(false);
  });

  it("only an approval (or a retry after a failure) leads to execution", () => {
    expect(statesThatMoveTo("approved").sort()).toEqual(["awaiting_approval", "failed", "submitted"].sort());
    expect(statesThatMoveTo("executing").sort()).toEqual(["approved", "executing"].sort());
  });
});
