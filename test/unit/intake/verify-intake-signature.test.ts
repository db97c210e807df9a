import { describe, expect, it } from "vitest";
import { SIGNATURE_TOLERANCE_SECONDS, signIntakeBody, verifyIntakeSignature } from "../../../src/intake/verify-intake-signature";

const SECRET = "intake-secret-0123456789";
const OLD_SECRET = "old-intake-secret-abcdef";
const NOW = 1_800_000_000;
const body = Buffer.from('{"source":"qoo10","externalId":"E-1"}');

function delivery(overrides: { timestamp?: string | string[] | undefined; signature?: string | string[] | undefined; body?: Uint8Array } = {}) {
  const timestamp = "timestamp" in overrides ? overrides.timestamp : String(NOW);
  return {
    timestamp,
    signature: "signature" in overrides ? overrides.signature : signIntakeBody(SECRET, String(timestamp), body),
    body: overrides.body ?? body,
  };
}

describe("the intake signature", () => {
  it("is the documented recipe: v1= hex HMAC-SHA256 of v1:<timestamp>:<body> (checked against openssl)", () => {
    // printf '%s' 'v1:1700000000:{"source":"qoo10"}' | openssl dgst -sha256 -hmac intake-secret-0123456789
    expect(signIntakeBody(SECRET, 1_700_000_000, '{"source":"qoo10"}')).toBe("v1=73e9a7476417426c324bc7c589bd7ce31d30b3122be903455da8a3a3d342866c");
  });

  it("accepts a delivery signed with the secret", () => {
    expect(verifyIntakeSignature(delivery(), [SECRET], NOW)).toEqual({ ok: true });
  });

  it("accepts upper-case hex and surrounding spaces in the header", () => {
    const hex = signIntakeBody(SECRET, NOW, body).slice("v1=".length).toUpperCase();
    const signature = ` v1=${hex} `;
    expect(verifyIntakeSignature(delivery({ signature }), [SECRET], NOW)).toEqual({ ok: true });
  });

  it("refuses a delivery signed with another secret", () => {
    const signature = signIntakeBody("not-the-secret-0123456789", NOW, body);
    expect(verifyIntakeSignature(delivery({ signature }), [SECRET], NOW)).toEqual({ ok: false, problem: "signature_mismatch" });
  });

  it("accepts either secret during a rotation, and the old one no longer once it is removed", () => {
    const signedWithOld = delivery({ signature: signIntakeBody(OLD_SECRET, NOW, body) });
    const signedWithNew = delivery();
    expect(verifyIntakeSignature(signedWithOld, [OLD_SECRET, SECRET], NOW)).toEqual({ ok: true });
    expect(verifyIntakeSignature(signedWithNew, [OLD_SECRET, SECRET], NOW)).toEqual({ ok: true });
    expect(verifyIntakeSignature(signedWithOld, [SECRET], NOW)).toEqual({ ok: false, problem: "signature_mismatch" });
  });

  it("refuses everything when no secret is valid", () => {
    expect(verifyIntakeSignature(delivery(), [], NOW)).toEqual({ ok: false, problem: "signature_mismatch" });
  });

  it.each([
    ["exactly 5 minutes old", -SIGNATURE_TOLERANCE_SECONDS, true],
    ["exactly 5 minutes ahead", SIGNATURE_TOLERANCE_SECONDS, true],
    ["5 minutes and 1 second old", -SIGNATURE_TOLERANCE_SECONDS - 1, false],
    ["5 minutes and 1 second ahead", SIGNATURE_TOLERANCE_SECONDS + 1, false],
    ["a day old", -86_400, false],
  ])("a correctly signed timestamp %s is %s", (_label, offset, accepted) => {
    const timestamp = String(NOW + offset);
    const check = verifyIntakeSignature(delivery({ timestamp, signature: signIntakeBody(SECRET, timestamp, body) }), [SECRET], NOW);
    expect(check).toEqual(accepted ? { ok: true } : { ok: false, problem: "timestamp_out_of_window" });
  });

  it.each([
    ["no timestamp", { timestamp: undefined }],
    ["no signature", { signature: undefined }],
    ["an empty timestamp", { timestamp: "" }],
    ["an empty signature", { signature: "" }],
    ["a repeated header", { signature: ["v1=aa", "v1=bb"] }],
  ])("refuses a delivery with %s", (_label, overrides) => {
    expect(verifyIntakeSignature(delivery(overrides), [SECRET], NOW)).toEqual({ ok: false, problem: "missing_headers" });
  });

  it.each(["1800000000.5", "-1800000000", "soon", "1e9", "0x6B49D200", "1234567890123"])("refuses the malformed timestamp %j", (timestamp) => {
    expect(verifyIntakeSignature(delivery({ timestamp, signature: signIntakeBody(SECRET, timestamp, body) }), [SECRET], NOW)).toEqual({ ok: false, problem: "malformed_timestamp" });
  });

  it.each(["v0=" + "a".repeat(64), "a".repeat(64), "v1=" + "a".repeat(63), "v1=" + "g".repeat(64), "v1=" + "a".repeat(66), "v1=,v1=" + "a".repeat(64)])("refuses the malformed signature %j", (signature) => {
    expect(verifyIntakeSignature(delivery({ signature }), [SECRET], NOW)).toEqual({ ok: false, problem: "malformed_signature" });
  });

  it("refuses a tampered body, even by one byte", () => {
    const tampered = Buffer.from(body);
    tampered[tampered.length - 3] = tampered[tampered.length - 3]! ^ 1;
    expect(verifyIntakeSignature(delivery({ body: tampered }), [SECRET], NOW)).toEqual({ ok: false, problem: "signature_mismatch" });
  });

  it("refuses a signature moved to another timestamp (a replay with a fresh time)", () => {
    const signature = signIntakeBody(SECRET, NOW - 3_600, body);
    expect(verifyIntakeSignature(delivery({ signature }), [SECRET], NOW)).toEqual({ ok: false, problem: "signature_mismatch" });
  });
});
