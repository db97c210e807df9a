import { describe, expect, it } from "vitest";
import { codeKey, wordsFor } from "../../../src/presentation/index";

describe("codeKey", () => {
  it("names a code's message, the same on every call, under each prefix", () => {
    expect([codeKey("common.kind", "refund"), codeKey("common.kind", "refund"), codeKey("channel.state", "refund")]).toEqual(["common.kind.refund", "common.kind.refund", "channel.state.refund"]);
    expect(codeKey(codeKey("execution.effect", "refund"), "done")).toBe("execution.effect.refund.done");
    expect(wordsFor("en").t(codeKey("common.kind", "cancel"))).toBe("Cancel");
  });
});
