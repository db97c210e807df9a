import { describe, expect, it } from "vitest";
import { localTimeToIso } from "../../../src/providers/shared/local-time";
import { parseRetryAfter } from "../../../src/providers/shared/retry-after";

describe("localTimeToIso", () => {
  it.each([
    ["2026-09-01 10:00:00", "+08:00", "2026-09-01T10:00:00+08:00"],
    ["2026-09-01 10:00", "+08:00", "2026-09-01T10:00:00+08:00"],
    ["2026-09-01 10:00:00 +0800", "+09:00", "2026-09-01T10:00:00+08:00"],
    ["2026-09-01 10:00+0800", "+09:00", "2026-09-01T10:00:00+08:00"],
    ["2026/11/21 09:00:00", "+09:00", "2026-11-21T09:00:00+09:00"],
    ["2026/1/5 9:07:03", "+09:00", "2026-01-05T09:07:03+09:00"],
    ["2026-11-21T09:00:00.5Z", "+09:00", "2026-11-21T09:00:00.500Z"],
    ["2026-11-21T09:00:00-05:00", "+09:00", "2026-11-21T09:00:00-05:00"],
  ])("%s read at %s ⇒ %s", (input, offset, expected) => {
    expect(localTimeToIso(input, offset as "+08:00")).toBe(expected);
  });

  it("puts a Taipei midnight 8 hours before UTC midnight (the 60-day check depends on it)", () => {
    const iso = localTimeToIso("2026-01-01 00:00:00", "+08:00")!;
    expect(new Date(iso).toISOString()).toBe("2025-12-31T16:00:00.000Z");
  });

  it.each(["", "yesterday", "2026-02-30 10:00:00", "2026-13-01 10:00:00", "2026-01-01 24:00:00", "2026-01-01"])("rejects %j", (input) => {
    expect(localTimeToIso(input, "+08:00")).toBeUndefined();
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-11-23T12:00:00Z");
  it("reads delay-seconds", () => expect(parseRetryAfter("2", now)).toBe(2000));
  it("reads an HTTP date", () => expect(parseRetryAfter("Mon, 23 Nov 2026 12:00:03 GMT", now)).toBe(3000));
  it("never goes negative", () => expect(parseRetryAfter("Mon, 23 Nov 2026 11:00:00 GMT", now)).toBe(0));
  it.each([null, undefined, "", "soon", "-1"])("ignores %j", (value) => expect(parseRetryAfter(value, now)).toBeUndefined());
});
