import { describe, expect, it } from "vitest";
import { CyberbizOrderSource, LinePayGateway, ProviderConfigError, providersFromEnv, Qoo10OrderSource } from "../../../src/providers";

describe("providersFromEnv", () => {
  it("builds nothing when nothing is configured", () => {
    expect(providersFromEnv({})).toEqual({ cyberbiz: null, qoo10: null, linePay: null });
  });

  it("builds each configured client", () => {
    const providers = providersFromEnv({
      CYBERBIZ_API_TOKEN: "eyJhbGciOiJIUzI1NiJ9.token",
      QOO10_SELLER_KEY: "S4K-0123456789",
      LINEPAY_CHANNEL_ID: "1234567890",
      LINEPAY_CHANNEL_SECRET: "s3cr3t-key",
    });
    expect(providers.cyberbiz).toBeInstanceOf(CyberbizOrderSource);
    expect(providers.qoo10).toBeInstanceOf(Qoo10OrderSource);
    expect(providers.linePay).toBeInstanceOf(LinePayGateway);
    expect([providers.cyberbiz?.name, providers.qoo10?.name, providers.linePay?.name]).toEqual(["cyberbiz", "qoo10", "line_pay"]);
  });

  it("refuses half a LINE Pay configuration", () => {
    expect(() => providersFromEnv({ LINEPAY_CHANNEL_ID: "1234567890" })).toThrow(ProviderConfigError);
  });
});
