import { describe, expect, it } from "vitest";
import { parseCombinedInput, parseSeparateInputs, validateCheckInput } from "../../../src/cli/commands/policy-check-input";
import { runPolicyCheck, type CheckSources } from "../../../src/cli/commands/policy-check";

const order = { platform: "qoo10", orderId: "Q1", status: "new", paymentMethod: "bank_transfer", currency: "JPY", total: 5000, createdAt: "2026-03-01T10:00:00+09:00" };
const request = { kind: "cancel", initiator: "store", reason: "out_of_stock", requestedAt: "2026-03-02T10:00:00+09:00" };

function problems(result: ReturnType<typeof validateCheckInput>): string[] {
  return result.ok ? [] : result.problems;
}

describe("validateCheckInput", () => {
  it("accepts valid input and applies the vocabulary's defaults", () => {
    const result = validateCheckInput({ order, request });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.order).toMatchObject({ refunded: 0, pointsUsed: 0, couponCodes: [], customerCancelRequested: false });
  });

  it("names a status that exists only on the other platform", () => {
    expect(problems(validateCheckInput({ order: { ...order, status: "shipped" }, request }))).toEqual([
      'order.status: expected one of "new", "awaiting_shipment", "shipping_delayed", "in_transit", "completed", "cancelled", "returned" for a qoo10 order, got "shipped"',
    ]);
  });

  it("refuses unknown fields, so a typo never turns into a full refund", () => {
    expect(problems(validateCheckInput({ order, request: { ...request, ammount: 10 } }))).toEqual([
      "request.ammount: unknown field; expected one of kind, initiator, reason, amount, notifyCustomer, flagCustomer, returnReceived, requestedAt",
    ]);
  });

  it("names array elements by index", () => {
    expect(problems(validateCheckInput({ order: { ...order, couponCodes: ["A", 7] }, request }))).toEqual(["order.couponCodes[1]: expected a string, got 7"]);
  });

  it("says when refunded exceeds total", () => {
    expect(problems(validateCheckInput({ order: { ...order, refunded: 6000 }, request }))).toEqual(["order.refunded: expected at most total (5000), got 6000"]);
  });

  it("explains a LINE Pay transaction id given as a number", () => {
    expect(problems(validateCheckInput({ order: { ...order, transactionId: Number("2026030100000012345") }, request }))[0]).toMatch(/^order\.transactionId: expected a string: a 19-digit LINE Pay id loses digits/);
  });

  it("refuses a request made before its order", () => {
    expect(problems(validateCheckInput({ order, request: { ...request, requestedAt: "2026-03-01T00:59:59Z" } }))).toEqual([
      'request.requestedAt: expected a time at or after order.createdAt (2026-03-01T10:00:00+09:00), got "2026-03-01T00:59:59Z"',
    ]);
    expect(validateCheckInput({ order, request: { ...request, requestedAt: "2026-03-01T01:00:00Z" } }).ok).toBe(true);
  });

  it("reports both objects missing", () => {
    expect(problems(validateCheckInput({ order: undefined, request: undefined }))).toEqual(["order: missing; expected an order object", "request: missing; expected a request object"]);
  });
});

describe("parseCombinedInput and parseSeparateInputs", () => {
  it("refuses something other than one object, and fields beside order and request", () => {
    expect(parseCombinedInput("[]")).toEqual({ ok: false, problems: ['input: expected one JSON object {"order": …, "request": …}, got an array'] });
    expect(parseCombinedInput(JSON.stringify({ order, request, dryRun: true }))).toEqual({ ok: false, problems: ['input.dryRun: unknown field; expected only "order" and "request"'] });
  });

  it("refuses empty input", () => {
    expect(parseCombinedInput(" \n")).toEqual({ ok: false, problems: ['input: empty; expected one JSON object {"order": …, "request": …}'] });
  });

  it("reports invalid JSON in each file on its own line", () => {
    const result = parseSeparateInputs("{", "nope");
    expect(result.ok ? [] : result.problems.map((problem) => problem.split(":")[0])).toEqual(["order", "request"]);
  });
});

describe("runPolicyCheck", () => {
  const sources = (files: Record<string, string>, stdin = ""): CheckSources => ({
    readFile: async (path) => {
      const content = files[path];
      if (content === undefined) throw new Error(`ENOENT: no such file, open '${path}'`);
      return content;
    },
    readStdin: async () => stdin,
  });

  it("refuses mixing stdin with files", async () => {
    const result = await runPolicyCheck("-", { order: "o.json" }, sources({}));
    expect(result).toEqual({ exitCode: 2, stdout: "", stderr: '--order: not allowed with "-", which reads the order from stdin\n' });
  });

  it("refuses a file name where only - belongs", async () => {
    const result = await runPolicyCheck("order.json", {}, sources({}));
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('input: expected "-"');
  });

  it("decides from files and ends the output with a newline", async () => {
    const result = await runPolicyCheck(undefined, { order: "o.json", request: "r.json" }, sources({ "o.json": JSON.stringify(order), "r.json": JSON.stringify(request) }));
    expect(result.exitCode).toBe(0);
    expect(result.stdout.endsWith("}\n")).toBe(true);
    expect(JSON.parse(result.stdout)).toMatchObject({ outcome: "allow", buyerNoticeRequired: true, feeBearer: "seller" });
  });
});
