import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, it } from "vitest";
import { decisionSchema } from "../../../src/domain/decision";
import { ruleSummary, wordsFor } from "../../../src/presentation/index";

const en = wordsFor("en");

// The real CLI, as a user runs it: node, the bin entry, tsx. No database, no network.
const REPO = resolve(import.meta.dirname, "../../..");
const TIMEOUT_MS = 60_000;

let dir = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "policy-check-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], stdin = "", lang = "C.UTF-8"): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    // The terminal's language is the default of --locale: each run says which one it has.
    const { LC_ALL: _all, LC_MESSAGES: _messages, ...inherited } = process.env;
    const env = { ...inherited, LANG: lang };
    const child = spawn(process.execPath, ["bin/refund-desk.js", "policy", "check", ...args], { cwd: REPO, timeout: TIMEOUT_MS, env });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolvePromise({ status, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

const cyberbizOrder = {
  platform: "cyberbiz",
  orderId: "1234",
  status: "unshipped",
  paymentMethod: "line_pay",
  transactionId: "2026030100000012345",
  currency: "TWD",
  total: 1000,
  createdAt: "2026-03-01T10:00:00+08:00",
  pointsUsed: 50,
  couponCodes: ["SPRING10"],
};
const qoo10Order = { platform: "qoo10", orderId: "327294741", status: "in_transit", paymentMethod: "credit_card", currency: "JPY", total: 5000, createdAt: "2026-03-01T10:00:00+09:00" };
const storeCancel = { kind: "cancel", initiator: "store", reason: "out_of_stock", requestedAt: "2026-03-02T10:00:00+08:00" };

// Each test spawns its own process, so they run side by side; `expect` comes from the test context for that.
describe.concurrent("refund-desk policy check", { timeout: TIMEOUT_MS }, () => {
  it("prints an allow as JSON and exits 0 (files)", async ({ expect }) => {
    const result = await cli(["--order", file("allow-order.json", cyberbizOrder), "--request", file("allow-request.json", storeCancel)]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const decision = decisionSchema.parse(JSON.parse(result.stdout));
    expect(decision).toMatchObject({ outcome: "allow", route: "approval_policy", refundAmount: 1000, restore: { points: 50, coupons: ["SPRING10"] } });
    expect(decision.ruleIds).toEqual(["C1", "C2", "C3", "C4", "C5", "C7", "C9"]);
  });

  it("prints a reject as JSON, without a route, and still exits 0", async ({ expect }) => {
    const result = await cli(["--order", file("reject-order.json", qoo10Order), "--request", file("reject-request.json", storeCancel)]);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      outcome: "reject",
      ruleIds: ["Q8"],
      refundAmount: 0,
      feeBearer: "none",
      restore: { points: 0, coupons: [] },
      buyerNoticeRequired: false,
      explanation: "Order 327294741 has shipped (In transit), so it cannot be cancelled; file a return instead (Q8).",
    });
  });

  it("prints a manual LINE Pay refund past 60 days, fee on the seller", async ({ expect }) => {
    const late = { ...storeCancel, kind: "refund", amount: 300, requestedAt: "2026-05-01T10:00:00+08:00" };
    const result = await cli(["--order", file("manual-order.json", cyberbizOrder), "--request", file("manual-request.json", late)]);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ outcome: "manual", route: "approval_policy", refundAmount: 300, feeBearer: "seller" });
  });

  it('reads {"order", "request"} from stdin with "-" and prints a waiting return', async ({ expect }) => {
    const request = { kind: "return", initiator: "customer", reason: "defective_item", returnReceived: false, requestedAt: "2026-03-05T10:00:00+09:00" };
    const result = await cli(["-"], JSON.stringify({ order: qoo10Order, request }));
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ outcome: "wait", route: "approval_policy", refundAmount: 5000, ruleIds: ["Q1", "Q8", "Q9", "Q10"] });
  });

  it("allows a customer's own cancel of a new Qoo10 order paid at a convenience store with nothing filed: auto, fee on the customer", async ({ expect }) => {
    const order = { ...qoo10Order, status: "new", paymentMethod: "convenience_store" };
    const request = { kind: "cancel", initiator: "customer", reason: "customer_request", requestedAt: "2026-03-01T12:00:00+09:00" };
    const result = await cli(["-"], JSON.stringify({ order, request }));
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ outcome: "allow", route: "auto", refundAmount: 5000, feeBearer: "customer", ruleIds: ["Q1", "Q7", "Q11", "Q12", "G3"] });
  });

  it("prints the explanation and the cited rules as text with --explain", async ({ expect }) => {
    const result = await cli(["-", "--explain"], JSON.stringify({ order: qoo10Order, request: storeCancel }));
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      [
        "Order 327294741 has shipped (In transit), so it cannot be cancelled; file a return instead (Q8).",
        "Decision: Refused.",
        "Rules:",
        `  Q8  ${ruleSummary(en, "Q8")}`,
        "",
      ].join("\n"),
    );
  });

  it("cites every rule with its summary under --explain", async ({ expect }) => {
    const result = await cli(["--explain", "--order", file("explain-order.json", cyberbizOrder), "--request", file("explain-request.json", storeCancel)]);
    for (const id of ["C1", "C2", "C3", "C4", "C5", "C7", "C9"] as const) expect(result.stdout).toContain(`${id}  ${ruleSummary(en, id)}`);
  });

  it("explains a refused cancel of a shipped order in Japanese with --locale ja, still citing C2", async ({ expect }) => {
    const order = { ...cyberbizOrder, status: "shipped" };
    const result = await cli(["-", "--locale", "ja", "--explain"], JSON.stringify({ order, request: storeCancel }));
    expect(result.status).toBe(0);
    const ja = wordsFor("ja");
    expect(result.stdout).toBe(
      [
        "注文 1234 はすでに発送に進んでいる（発送済み）ため、キャンセルではなく返金を申請してください（C2）。",
        "判定：受付不可。",
        "ルール：",
        `  C2  ${ruleSummary(ja, "C2")}`,
        "",
      ].join("\n"),
    );
  });

  it("puts the sentence in the chosen language in the JSON explanation, the codes staying English", async ({ expect }) => {
    const result = await cli(["-", "--locale", "zh-TW"], JSON.stringify({ order: qoo10Order, request: storeCancel }));
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      outcome: "reject",
      ruleIds: ["Q8"],
      refundAmount: 0,
      feeBearer: "none",
      restore: { points: 0, coupons: [] },
      buyerNoticeRequired: false,
      explanation: "訂單 327294741 已出貨（配送中），無法取消訂單；請改為申請退貨（Q8）。",
    });
  });

  it("speaks the terminal's language (LANG) when --locale is absent, and --locale wins over it", async ({ expect }) => {
    const input = JSON.stringify({ order: qoo10Order, request: storeCancel });
    const [simplified, overridden] = await Promise.all([cli(["-", "--explain"], input, "zh_CN.UTF-8"), cli(["-", "--explain", "--locale", "en"], input, "zh_CN.UTF-8")]);
    expect(simplified.stdout.split("\n")[0]).toBe("订单 327294741 已发货（运送中），无法取消订单；请改为申请退货（Q8）。");
    expect(simplified.stdout).toContain("规则：");
    expect(overridden.stdout.split("\n")[0]).toBe("Order 327294741 has shipped (In transit), so it cannot be cancelled; file a return instead (Q8).");
  });

  it("exits 2 on an unknown --locale, naming the four it speaks", async ({ expect }) => {
    const result = await cli(["-", "--locale", "fr"], JSON.stringify({ order: qoo10Order, request: storeCancel }));
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe('--locale: expected one of en, zh-TW, zh-CN, ja, got "fr"\n');
  });

  it("exits 2 with one line per problem, each naming the field path", async ({ expect }) => {
    const order = { ...cyberbizOrder, status: "new", total: -1, createdAt: "yesterday" };
    const { currency: _currency, ...withoutCurrency } = order;
    const request = { ...storeCancel, amount: -5 };
    const result = await cli(["-"], JSON.stringify({ order: withoutCurrency, request }));
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trimEnd().split("\n")).toEqual([
      'order.status: expected one of "unshipped", "shipped", "delivered", "cancelled" for a cyberbiz order, got "new"',
      "order.currency: missing; expected an ISO 4217 code such as TWD or JPY",
      "order.total: expected a whole number ≥ 0, got -1",
      'order.createdAt: expected an ISO 8601 timestamp with a zone, e.g. 2026-11-23T10:00:00+08:00, got "yesterday"',
      "request.amount: expected a whole number ≥ 0, got -5",
    ]);
  });

  it("exits 2 on an unknown platform, and still reports the other fields", async ({ expect }) => {
    const result = await cli(["-"], JSON.stringify({ order: { ...qoo10Order, platform: "shopee", total: 1.5 }, request: storeCancel }));
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('order.platform: expected one of "cyberbiz", "qoo10", got "shopee"\norder.total: expected a whole number, got 1.5\n');
  });

  it("exits 2 on invalid JSON, naming the file it came from", async ({ expect }) => {
    const result = await cli(["--order", file("broken.json", "{ not json"), "--request", file("fine.json", storeCancel)]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^order: invalid JSON \(.+\)\n$/);
  });

  it("exits 2 on a missing request, an unreadable file or missing options", async ({ expect }) => {
    expect(await cli(["-"], JSON.stringify({ order: qoo10Order }))).toMatchObject({ status: 2, stderr: "request: missing; expected a request object\n" });
    const unreadable = await cli(["--order", join(dir, "absent.json"), "--request", file("present.json", storeCancel)]);
    expect(unreadable.status).toBe(2);
    expect(unreadable.stderr).toMatch(/^order: cannot read ".*absent\.json" \(ENOENT/);
    expect((await cli([])).stderr.split("\n").filter(Boolean)).toEqual([
      '--order: missing; expected a JSON file with the order (or "-" to read both from stdin)',
      '--request: missing; expected a JSON file with the request (or "-" to read both from stdin)',
    ]);
  });

  it("exits 2 on an unknown option", async ({ expect }) => {
    const result = await cli(["--orders", "x.json"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("unknown option '--orders'");
  });
});
