import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LinePayGateway, type LinePayConfig } from "../../../src/providers/line-pay";
import { AmbiguousProviderError, ProviderError, type RefundInput } from "../../../src/use-cases/ports/providers";
import type { ProviderLogger } from "../../../src/providers/shared/provider-logger";
import { FakeLinePay } from "../../fakes/fake-line-pay";

const TX = "2026112300000000017";
const OTHER_TX = "2026112300000000099";
const TWO_POW_53 = 2n ** 53n;

let fake: FakeLinePay;
let config: LinePayConfig;

beforeEach(async () => {
  fake = new FakeLinePay();
  const url = await fake.start();
  config = { channelId: fake.channelId, channelSecret: fake.channelSecret, apiUrl: url, timeoutMs: 400 };
  fake.addPayment({ transactionId: TX, orderId: "CB-1001", amount: 1200, currency: "TWD" });
});

afterEach(async () => {
  await fake.stop();
});

const partial = (amount: number, transactionId = TX): RefundInput => ({ transactionId, orderId: "CB-1001", amount, currency: "TWD", full: false });
const full = (transactionId = TX): RefundInput => ({ transactionId, orderId: "CB-1001", amount: 1200, currency: "TWD", full: true });

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error;
}

describe("LinePayGateway against the LINE Pay fake", () => {
  it("makes a partial refund, signed as LINE Pay checks, and keeps the 19-digit id exact", async () => {
    const gateway = new LinePayGateway(config);
    const receipt = await gateway.refund(partial(300));

    const [made] = fake.refundsOf(TX);
    expect(receipt).toEqual({ refundTransactionId: made!.refundTransactionId, amount: 300, type: "partial", at: made!.refundTransactionDate, alreadyDone: false });
    expect(BigInt(receipt.refundTransactionId) > TWO_POW_53).toBe(true);
    expect(receipt.refundTransactionId).toMatch(/^\d{19}$/);
    expect(fake.calls.every((call) => call.signatureValid)).toBe(true);
    expect(fake.calls[0]!.body).toBe('{"refundAmount":300}');
  });

  // LINE Pay counts in the major unit; our amounts are in the smallest: a USD refund of 1050 cents is 10.5 dollars.
  it.each([
    ["USD", 25, 1050, 10.5],
    ["THB", 100.25, 1025, 10.25],
    ["JPY", 5800, 1800, 1800],
  ])("refunds %s in LINE Pay's major unit and reads its refunds back in the smallest (paid %d, refunding %i)", async (currency, paid, refund, sent) => {
    const tx = "2026112300000000555";
    fake.addPayment({ transactionId: tx, orderId: "CB-2002", amount: paid, currency });
    const gateway = new LinePayGateway(config);
    const receipt = await gateway.refund({ transactionId: tx, orderId: "CB-2002", amount: refund, currency, full: false });
    expect(JSON.parse(fake.calls.at(-1)!.body)).toEqual({ refundAmount: sent });
    expect(fake.refundedAmount(tx)).toBe(sent);
    expect(receipt.amount).toBe(refund);
    const payment = await gateway.getPayment(tx);
    expect(payment).toMatchObject({ currency, amount: Math.round(paid * 10 ** (currency === "JPY" ? 0 : 2)), refunds: [expect.objectContaining({ amount: refund })] });
  });

  it("makes a full refund without refundAmount and reads the amount back from LINE Pay", async () => {
    const gateway = new LinePayGateway(config);
    await gateway.refund(partial(200));
    const receipt = await gateway.refund(full());

    expect(fake.calls.find((call) => call.method === "POST" && call.body === "{}")).toBeDefined();
    expect(receipt).toMatchObject({ amount: 1000, type: "full", alreadyDone: false });
    expect(receipt.refundTransactionId).toBe(fake.refundsOf(TX)[1]!.refundTransactionId);
    expect(fake.refundedAmount(TX)).toBe(1200);
  });

  it("reads a payment's refunds with exact ids (bare JSON numbers on the wire) and positive amounts", async () => {
    const gateway = new LinePayGateway(config);
    await gateway.refund(partial(100));
    await gateway.refund(partial(250));
    const details = await gateway.getPayment(TX, "CB-1001");

    expect(details).toEqual({
      transactionId: TX,
      orderId: "CB-1001",
      amount: 1200,
      currency: "TWD",
      refunds: fake.refundsOf(TX).map((refund) => ({ refundTransactionId: refund.refundTransactionId, amount: refund.amount, type: "partial", at: refund.refundTransactionDate })),
    });
    const lastCall = fake.calls.at(-1)!;
    expect(lastCall.rawQuery).toBe(`transactionId=${TX}&orderId=CB-1001`);
    expect(lastCall.signatureValid).toBe(true);
    for (const refund of details.refunds) expect(BigInt(refund.refundTransactionId) > TWO_POW_53).toBe(true);
  });

  it("gets the ids as bare JSON numbers on the wire, which plain JSON.parse would corrupt", async () => {
    const gateway = new LinePayGateway(config);
    const receipt = await gateway.refund(partial(100));
    let raw = "";
    const recordingFetch = async (url: string, init: RequestInit) => {
      const response = await fetch(url, init);
      raw = await response.clone().text();
      return response;
    };
    const details = await new LinePayGateway(config, { fetch: recordingFetch }).getPayment(TX);

    expect(raw).toMatch(new RegExp(`"refundTransactionId":${receipt.refundTransactionId}[,}]`));
    expect(raw).toMatch(new RegExp(`"transactionId":${TX}[,}]`));
    expect(String((JSON.parse(raw) as { info: [{ transactionId: number }] }).info[0].transactionId)).not.toBe(TX);
    expect(details.transactionId).toBe(TX);
    expect(details.refunds[0]!.refundTransactionId).toBe(receipt.refundTransactionId);
  });

  it("uses a new nonce on every call", async () => {
    const gateway = new LinePayGateway(config);
    await gateway.getPayment(TX);
    await gateway.getPayment(TX);
    await gateway.refund(partial(1));
    const nonces = fake.calls.map((call) => call.nonce);
    expect(new Set(nonces).size).toBe(3);
  });

  describe("rejections the fake checks like LINE Pay", () => {
    it("a wrong channel secret ⇒ permanent 1106, LINE Pay's message kept", async () => {
      const error = await failure(new LinePayGateway({ ...config, channelSecret: "not-the-secret" }).refund(partial(100)));
      expect(error).toMatchObject({ provider: "line_pay", code: "1106", kind: "permanent", message: "Header information error." });
      expect(fake.refundsOf(TX)).toEqual([]);
    });

    it("a wrong channel id ⇒ permanent 1106", async () => {
      const error = await failure(new LinePayGateway({ ...config, channelId: "999" }).getPayment(TX));
      expect(error).toMatchObject({ code: "1106", kind: "permanent" });
    });

    it("more than what is left ⇒ permanent 1164", async () => {
      const gateway = new LinePayGateway(config);
      await gateway.refund(partial(1000));
      const error = await failure(gateway.refund(partial(201)));
      expect(error).toMatchObject({ code: "1164", kind: "permanent", message: "Exceeded the refundable amount." });
      expect(fake.refundedAmount(TX)).toBe(1000);
    });

    it("a payment past the refundable period ⇒ permanent 1163 (the worker's manual-refund case, C7)", async () => {
      fake.addPayment({ transactionId: OTHER_TX, orderId: "CB-OLD", amount: 500, currency: "TWD", paidAt: new Date(Date.now() - 61 * 24 * 3600 * 1000) });
      const error = await failure(new LinePayGateway(config).refund(partial(100, OTHER_TX)));
      expect(error).toMatchObject({ code: "1163", kind: "permanent" });
    });

    it("an unknown transaction ⇒ permanent 1150, for a refund and for details", async () => {
      const gateway = new LinePayGateway(config);
      expect(await failure(gateway.refund(partial(1, OTHER_TX)))).toMatchObject({ code: "1150", kind: "permanent" });
      expect(await failure(gateway.getPayment(OTHER_TX))).toMatchObject({ code: "1150", kind: "permanent" });
    });
  });

  describe("already refunded (1165)", () => {
    it("answers alreadyDone with the refund LINE Pay made the first time", async () => {
      const gateway = new LinePayGateway(config);
      const first = await gateway.refund(full());
      const second = await gateway.refund(full());
      expect(second).toEqual({ ...first, alreadyDone: true });
      expect(fake.refundsOf(TX)).toHaveLength(1);
      expect(fake.calls.filter((call) => call.returnCode === "1165")).toHaveLength(1);
    });

    it("is a permanent 1165 when the payment shows no refund to point at", async () => {
      fake.failNext(1, { kind: "code", code: "1165", message: "Already refunded." });
      const error = await failure(new LinePayGateway(config).refund(partial(10)));
      expect(error).toMatchObject({ code: "1165", kind: "permanent" });
      expect(error.message).toContain("Already refunded.");
    });
  });

  describe("every return code class", () => {
    it.each(["1101", "1102", "1104", "1105", "1106", "1124", "1150", "1155", "1163", "1164", "1179"])("%s ⇒ permanent, code and message kept", async (code) => {
      fake.failNext(1, { kind: "code", code, message: `message for ${code}` });
      const error = await failure(new LinePayGateway(config).refund(partial(10)));
      expect(error).not.toBeInstanceOf(AmbiguousProviderError);
      expect(error).toMatchObject({ code, kind: "permanent", message: `message for ${code}` });
    });

    it.each(["1199", "9000"])("%s ⇒ transient", async (code) => {
      fake.failNext(1, { kind: "code", code });
      const error = await failure(new LinePayGateway(config).refund(partial(10)));
      expect(error).not.toBeInstanceOf(AmbiguousProviderError);
      expect(error).toMatchObject({ code, kind: "transient" });
    });

    it("1198 (being processed) ⇒ ambiguous: reconcile before retrying", async () => {
      fake.failNext(1, { kind: "code", code: "1198", message: "Request is being processed." });
      const error = await failure(new LinePayGateway(config).refund(partial(10)));
      expect(error).toBeInstanceOf(AmbiguousProviderError);
      expect(error).toMatchObject({ code: "1198", kind: "transient", message: "Request is being processed." });
    });

    it("an undocumented code ⇒ permanent", async () => {
      fake.failNext(1, { kind: "code", code: "1777", message: "Something new." });
      expect(await failure(new LinePayGateway(config).refund(partial(10)))).toMatchObject({ code: "1777", kind: "permanent" });
    });
  });

  describe("HTTP and network failures", () => {
    it("HTTP 500 on a refund ⇒ ambiguous (it may have been made); on a read ⇒ plain transient", async () => {
      const gateway = new LinePayGateway(config);
      fake.failNext(1, { kind: "http500" });
      const onRefund = await failure(gateway.refund(partial(10)));
      expect(onRefund).toBeInstanceOf(AmbiguousProviderError);
      expect(onRefund).toMatchObject({ code: "http_500", httpStatus: 500, kind: "transient" });

      fake.failNext(1, { kind: "http500" });
      const onRead = await failure(gateway.getPayment(TX));
      expect(onRead).not.toBeInstanceOf(AmbiguousProviderError);
      expect(onRead).toMatchObject({ code: "http_500", kind: "transient" });
    });

    it("429 and 503 ⇒ transient with Retry-After, not ambiguous", async () => {
      const gateway = new LinePayGateway(config);
      fake.failNext(1, { kind: "http", status: 429, retryAfterSeconds: 3 });
      expect(await failure(gateway.refund(partial(10)))).toMatchObject({ code: "http_429", kind: "transient", retryAfterMs: 3000, httpStatus: 429 });
      fake.failNext(1, { kind: "http", status: 503 });
      const unavailable = await failure(gateway.refund(partial(10)));
      expect(unavailable).not.toBeInstanceOf(AmbiguousProviderError);
      expect(unavailable).toMatchObject({ code: "http_503", kind: "transient" });
    });

    it("a timeout ⇒ AmbiguousProviderError", async () => {
      fake.failNext(1, { kind: "timeout" });
      const error = await failure(new LinePayGateway(config).refund(partial(10)));
      expect(error).toBeInstanceOf(AmbiguousProviderError);
      expect(error).toMatchObject({ code: "timeout", kind: "transient" });
    });

    it("a connection reset after sending ⇒ AmbiguousProviderError", async () => {
      fake.failNext(1, { kind: "reset" });
      const error = await failure(new LinePayGateway(config).refund(partial(10)));
      expect(error).toBeInstanceOf(AmbiguousProviderError);
      expect(error).toMatchObject({ code: "connection_lost" });
    });

    it("refund made but answered too late: ambiguous, and getPayment shows it, so the caller reconciles instead of paying twice", async () => {
      const gateway = new LinePayGateway(config);
      fake.refundThenTimeout();
      const error = await failure(gateway.refund(partial(300)));
      expect(error).toBeInstanceOf(AmbiguousProviderError);

      // What the worker does with an ambiguous refund: read, then decide.
      const { refunds } = await gateway.getPayment(TX);
      expect(refunds).toEqual([expect.objectContaining({ amount: 300, type: "partial", refundTransactionId: fake.refundsOf(TX)[0]!.refundTransactionId })]);
      const alreadyMade = refunds.some((refund) => refund.amount === 300);
      if (!alreadyMade) await gateway.refund(partial(300));

      expect(fake.refundCalls(TX)).toBe(1);
      expect(fake.refundsOf(TX)).toHaveLength(1);
    });
  });

  it("refuses a malformed request before calling LINE Pay", async () => {
    const gateway = new LinePayGateway(config);
    expect(await failure(gateway.refund(partial(0)))).toMatchObject({ code: "invalid_request", kind: "permanent" });
    expect(await failure(gateway.refund(partial(1.5)))).toMatchObject({ code: "invalid_request" });
    expect(await failure(gateway.refund({ ...partial(1), transactionId: "2.026e18" }))).toMatchObject({ code: "invalid_request" });
    expect(fake.calls).toEqual([]);
  });

  it("never writes the channel secret to its log, even on failures", async () => {
    const lines: string[] = [];
    const log: ProviderLogger = {
      debug: ((obj: unknown, msg?: string) => void lines.push(JSON.stringify([obj, msg]))) as ProviderLogger["debug"],
      warn: ((obj: unknown, msg?: string) => void lines.push(JSON.stringify([obj, msg]))) as ProviderLogger["warn"],
    };
    const gateway = new LinePayGateway(config, { log });
    await gateway.refund(partial(10));
    await gateway.getPayment(TX);
    fake.failNext(1, { kind: "timeout" });
    await gateway.refund(partial(10)).catch(() => undefined);
    await new LinePayGateway({ ...config, channelSecret: "another-secret" }, { log }).refund(partial(10)).catch(() => undefined);

    expect(lines.length).toBeGreaterThanOrEqual(4);
    const all = lines.join("\n");
    expect(all).not.toContain(fake.channelSecret);
    expect(all).not.toContain("another-secret");
  });
});
