import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { cyberbizOrder, qoo10Order } from "../../support/orders";
import { testDb } from "../../support/test-db";
import { databaseUrl } from "../../support/file-database";

const run = promisify(execFile);
const db = testDb();
afterAll(() => db.$disconnect());
const dir = mkdtempSync(join(tmpdir(), "rd-import-"));

// English unless a test asks otherwise, whatever the terminal running the tests speaks.
const { LC_ALL: _all, LC_MESSAGES: _messages, ...inherited } = process.env;

async function importFile(path: string, ...options: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ["bin/refund-desk.js", "orders", "import", path, ...options], {
      env: { ...inherited, DATABASE_URL: databaseUrl(), DOTENV_PATH: "/nonexistent", LANG: "C.UTF-8" },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("npx refund-desk orders import", () => {
  it("loads a JSON Lines file and reports what was added, then what was updated", async () => {
    const orders = [cyberbizOrder(), qoo10Order()];
    const file = join(dir, "orders.jsonl");
    writeFileSync(file, orders.map((o) => JSON.stringify(o)).join("\n"));
    expect(await importFile(file)).toMatchObject({ code: 0, stdout: `Imported 2 orders from ${file}: 2 added, 0 updated.\n` });
    expect(await importFile(file)).toMatchObject({ code: 0, stdout: `Imported 2 orders from ${file}: 0 added, 2 updated.\n` });
    expect(await db.order.count({ where: { orderId: { in: orders.map((o) => o.orderId) } } })).toBe(2);
  });

  it("reports in the language --locale names", async () => {
    const file = join(dir, "orders-ja.jsonl");
    writeFileSync(file, JSON.stringify(cyberbizOrder()));
    expect(await importFile(file, "--locale", "ja")).toMatchObject({ code: 0, stdout: expect.stringMatching(new RegExp(`^${file.replaceAll("/", "\\/")} から 1 件の注文を取り込みました（追加 [01] 件、更新 [01] 件）。\n$`)) });
    expect(await importFile(file, "--locale", "xx")).toMatchObject({ code: 2, stderr: '--locale: expected one of en, zh-TW, zh-CN, ja, got "xx"\n' });
  });

  it("loads nothing from a file with a bad line, and names the line and the field", async () => {
    // As a user writes the file: what requests hold of an order is the store's, never imported.
    const { pending: _pending, recentRefunds: _recent, ...good } = qoo10Order();
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify([good, { ...good, orderId: "OTHER", total: -1 }], null, 2));
    const result = await importFile(file);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/nothing imported/);
    expect(result.stderr).toMatch(/line 16: total: expected a whole number ≥ 0/);
    expect(await db.order.count({ where: { orderId: good.orderId } })).toBe(0);
  });

  it("says so when the file does not exist", async () => {
    expect(await importFile(join(dir, "missing.json"))).toMatchObject({ code: 1, stderr: expect.stringContaining("no such file") });
  });
});
