import { describe, expect, it } from "vitest";
import { intakeIdempotencyKey, intakeKeyParts } from "../../../src/domain/intake-key";

describe("the intake idempotency key", () => {
  it("is intake:<source>:<externalId>, and reads back even when the sender's id holds colons", () => {
    expect(intakeIdempotencyKey("qoo10", "CS:2026:1")).toBe("intake:qoo10:CS:2026:1");
    expect(intakeKeyParts("intake:qoo10:CS:2026:1")).toEqual({ source: "qoo10", externalId: "CS:2026:1" });
  });

  it("reads nothing from keys of other origins", () => {
    expect(intakeKeyParts("slack-view:V123")).toBeNull();
    expect(intakeKeyParts("intake:qoo10:")).toBeNull();
  });
});
