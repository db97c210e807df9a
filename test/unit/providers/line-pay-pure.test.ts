import { describe, expect, it } from "vitest";
import {
  LINE_PAY_RETURN_CODES,
  LINE_PAY_SANDBOX_URL,
  linePayConfigFromEnv,
  linePayHeaders,
  linePayOutcome,
  signLinePayRequest,
} from "../../../src/providers/line-pay";
import { ProviderConfigError } from "../../../src/config/providers/provider-env";

describe("LINE Pay signature", () => {
  // Vectors computed independently with `openssl dgst -sha256 -hmac … | base64`.
  const channelSecret = "secret-abc";
  const nonce = "5f0c2d4e-2b1a-4c3d-9e8f-0a1b2c3d4e5f";

  it("signs a POST over secret + path + exact body + nonce", () => {
    expect(signLinePayRequest({ channelSecret, apiPath: "/v3/payments/2026112300000000001/refund", payload: '{"refundAmount":300}', nonce })).toBe(
      "rMNs2VUtvQx7F/DQLyjBJDSyK/68Rcbnx2ZPxVqJdHs=",
    );
  });

  it("signs a GET over secret + path + query string without ? + nonce", () => {
    expect(signLinePayRequest({ channelSecret, apiPath: "/v3/payments", payload: "transactionId=2026112300000000001&orderId=CB-1001", nonce })).toBe(
      "NDJ9vGqXCWny7ryN/A80IxGCpvn8BJrQL0LPuA7zw+M=",
    );
  });

  it("changes with any byte of the body (a re-serialised body would not verify)", () => {
    const a = signLinePayRequest({ channelSecret, apiPath: "/p", payload: '{"refundAmount":300}', nonce });
    const b = signLinePayRequest({ channelSecret, apiPath: "/p", payload: '{"refundAmount": 300}', nonce });
    expect(a).not.toBe(b);
  });

  it("puts the channel id, nonce and signature in the headers, never the secret", () => {
    const headers = linePayHeaders("1234567890", { channelSecret, apiPath: "/p", payload: "", nonce });
    expect(headers).toMatchObject({ "Content-Type": "application/json", "X-LINE-ChannelId": "1234567890", "X-LINE-Authorization-Nonce": nonce });
    expect(JSON.stringify(headers)).not.toContain(channelSecret);
  });
});

describe("LINE Pay return codes", () => {
  it.each([
    ["0000", "done"],
    ["1165", "already_done"],
    ["1198", "reconcile"],
    ["1199", "transient"],
    ["9000", "transient"],
    ["1163", "permanent"],
    ["1164", "permanent"],
    ["1106", "permanent"],
    ["1104", "permanent"],
    ["1105", "permanent"],
    ["1124", "permanent"],
    ["1150", "permanent"],
    ["1155", "permanent"],
    ["1179", "permanent"],
    ["1101", "permanent"],
    ["1102", "permanent"],
  ])("%s ⇒ %s", (code, outcome) => {
    expect(linePayOutcome(code)).toBe(outcome);
  });

  it("maps every documented code, and treats an unknown one as permanent", () => {
    expect(Object.keys(LINE_PAY_RETURN_CODES).sort()).toEqual(
      ["0000", "1101", "1102", "1104", "1105", "1106", "1124", "1150", "1155", "1163", "1164", "1165", "1179", "1198", "1199", "9000"].sort(),
    );
    expect(linePayOutcome("1234")).toBe("permanent");
    expect(linePayOutcome("toString")).toBe("permanent");
  });
});

describe("linePayConfigFromEnv", () => {
  it("in production, requires LINEPAY_API_URL: a default to the sandbox would refund nobody", () => {
    const production = { NODE_ENV: "production", LINEPAY_CHANNEL_ID: "1234567890", LINEPAY_CHANNEL_SECRET: "s3cr3t-key" };
    expect(() => linePayConfigFromEnv(production)).toThrow(/LINEPAY_API_URL: required with NODE_ENV=production/);
    expect(linePayConfigFromEnv({ ...production, LINEPAY_API_URL: "https://api-pay.line.me" })).toMatchObject({ apiUrl: "https://api-pay.line.me" });
    expect(linePayConfigFromEnv({ ...production, LINEPAY_API_URL: "https://sandbox-api-pay.line.me" })).toMatchObject({ apiUrl: "https://sandbox-api-pay.line.me" });
    expect(linePayConfigFromEnv({ ...production, NODE_ENV: "development" })).toMatchObject({ apiUrl: "https://sandbox-api-pay.line.me" });
  });

  it("is null when LINE Pay is not configured (empty counts as unset)", () => {
    expect(linePayConfigFromEnv({})).toBeNull();
    expect(linePayConfigFromEnv({ LINEPAY_CHANNEL_ID: "", LINEPAY_CHANNEL_SECRET: " " })).toBeNull();
  });

  it("defaults to the sandbox and a 20 s timeout", () => {
    expect(linePayConfigFromEnv({ LINEPAY_CHANNEL_ID: "1234567890", LINEPAY_CHANNEL_SECRET: "s3cr3t-key" })).toEqual({
      channelId: "1234567890",
      channelSecret: "s3cr3t-key",
      apiUrl: LINE_PAY_SANDBOX_URL,
      timeoutMs: 20_000,
    });
  });

  it("takes the URL (without a trailing slash) and a longer timeout", () => {
    expect(
      linePayConfigFromEnv({ LINEPAY_CHANNEL_ID: "1234567890", LINEPAY_CHANNEL_SECRET: "s3cr3t-key", LINEPAY_API_URL: "https://api-pay.line.me/", LINEPAY_TIMEOUT_MS: "40000" }),
    ).toMatchObject({ apiUrl: "https://api-pay.line.me", timeoutMs: 40_000 });
  });

  it("names each problem, and never echoes the secret", () => {
    const secret = "do-not-print-me";
    let caught: unknown;
    try {
      linePayConfigFromEnv({ LINEPAY_CHANNEL_SECRET: secret, LINEPAY_API_URL: "ftp://x", LINEPAY_TIMEOUT_MS: "5000" });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ProviderConfigError);
    const problems = (caught as ProviderConfigError).problems.join("\n");
    expect(problems).toMatch(/LINEPAY_CHANNEL_ID: required with LINEPAY_CHANNEL_SECRET/);
    expect(problems).toMatch(/LINEPAY_API_URL/);
    expect(problems).toMatch(/LINEPAY_TIMEOUT_MS: expected at least 20000 ms/);
    expect(String((caught as Error).message)).not.toContain(secret);
  });
});
