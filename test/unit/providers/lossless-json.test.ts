import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseJsonLossless, quoteUnsafeIntegers } from "../../../src/providers/shared/lossless-json";

describe("parseJsonLossless", () => {
  it("keeps a 19-digit id beyond 2^53 exactly, as a string", () => {
    const id = "2026112300000000017";
    expect(BigInt(id) > 2n ** 53n).toBe(true);
    const parsed = parseJsonLossless(`{"info":{"refundTransactionId":${id},"n":1}}`) as { info: { refundTransactionId: unknown; n: unknown } };
    expect(parsed.info.refundTransactionId).toBe(id);
    expect(parsed.info.n).toBe(1);
    // The trap it avoids:
    expect(String((JSON.parse(`{"x":${id}}`) as { x: number }).x)).not.toBe(id);
  });

  it("quotes negative and array-element big integers too", () => {
    expect(parseJsonLossless("[-9007199254740993, 9007199254740993, 9007199254740991]")).toEqual([
      "-9007199254740993",
      "9007199254740993",
      9007199254740991,
    ]);
  });

  it("leaves safe integers, decimals and exponents as numbers", () => {
    expect(parseJsonLossless('{"a":123456789012345,"b":12345678901234567890.5,"c":1e21,"d":-0,"e":0}')).toEqual({
      a: 123456789012345,
      b: Number("12345678901234567890.5"),
      c: 1e21,
      d: -0,
      e: 0,
    });
  });

  it("never touches digits inside strings, including escaped quotes and keys", () => {
    const text = String.raw`{"12345678901234567890":"9007199254740993","s":"a \"12345678901234567890\" b","t":"\\","u":12345678901234567890}`;
    expect(parseJsonLossless(text)).toEqual({
      "12345678901234567890": "9007199254740993",
      s: 'a "12345678901234567890" b',
      t: "\\",
      u: "12345678901234567890",
    });
  });

  it("returns the very same text when nothing needs quoting", () => {
    const text = '{"returnCode":"0000","info":[{"amount":100}]}';
    expect(quoteUnsafeIntegers(text)).toBe(text);
  });

  it("still rejects invalid JSON", () => {
    expect(() => parseJsonLossless("{not json")).toThrow(SyntaxError);
  });

  it("agrees with JSON.parse on any JSON without unsafe integers (property)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        fc.pre(!containsUnsafeInteger(JSON.parse(text)));
        expect(parseJsonLossless(text)).toEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });

  it("round-trips any string and any 19-digit id side by side (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.bigInt({ min: 10n ** 18n, max: 10n ** 19n - 1n }), (s, id) => {
        const text = `{"s":${JSON.stringify(s)},"id":${id.toString()},"ids":[${id.toString()},${JSON.stringify(s)}]}`;
        expect(parseJsonLossless(text)).toEqual({ s, id: id.toString(), ids: [id.toString(), s] });
      }),
      { numRuns: 500 },
    );
  });
});

function containsUnsafeInteger(value: unknown): boolean {
  if (typeof value === "number") return Number.isInteger(value) && !Number.isSafeInteger(value);
  if (Array.isArray(value)) return value.some(containsUnsafeInteger);
  if (value && typeof value === "object") return Object.values(value).some(containsUnsafeInteger);
  return false;
}
