import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../../src/db/client";
import { findOrder, upsertOrders } from "../../../src/db/orders";
import { ProviderOrderDirectory } from "../../../src/use-cases/provider-order-directory";
import { CyberbizOrderSource } from "../../../src/providers/cyberbiz";
import { FakeCyberbiz } from "../../fakes/fake-cyberbiz";
import { randomDigits } from "../../support/execution";
import { cyberbizOrder, qoo10Order } from "../../support/orders";
import { testDb } from "../../support/test-db";
import { createStore } from "../../../src/db/store";

let db: Db;
let cyberbiz: FakeCyberbiz;
let directory: ProviderOrderDirectory;
const warnings: Record<string, unknown>[] = [];

beforeAll(async () => {
  db = testDb();
  cyberbiz = new FakeCyberbiz();
  await cyberbiz.start();
  const source = new CyberbizOrderSource({ apiUrl: cyberbiz.baseUrl, apiToken: cyberbiz.token, timeoutMs: 500, currency: "TWD", buyerLocale: "zh-TW", rateLimit: { limit: 5, windowMs: 1_100 } });
  const log = pino({ level: "warn" }, new Writable({ write: (chunk, _encoding, done) => (warnings.push(JSON.parse(String(chunk)) as Record<string, unknown>), done()) }));
  directory = new ProviderOrderDirectory(createStore(db), (platform) => (platform === "cyberbiz" ? source : null), log);
});

afterAll(async () => {
  await cyberbiz?.stop();
  await db?.$disconnect();
});

describe("order lookups when a platform's API is configured", () => {
  it("read the API and keep a copy in the local order store", async () => {
    const id = randomDigits(9);
    cyberbiz.addOrder({ id: Number(id), total_price: 2400 });
    const order = await directory.get("cyberbiz", id);
    expect(order).toMatchObject({ platform: "cyberbiz", orderId: id, total: 2400, status: "unshipped" });
    expect(await findOrder(db, "cyberbiz", id)).toMatchObject({ total: 2400 });
  });

  it("answer from the local copy when the API cannot be reached, and say so in the log", async () => {
    const id = randomDigits(9);
    cyberbiz.addOrder({ id: Number(id), total_price: 990 });
    await directory.get("cyberbiz", id);
    cyberbiz.failNext(1, { kind: "http", status: 503 });
    expect(await directory.get("cyberbiz", id)).toMatchObject({ orderId: id, total: 990 });
    expect(warnings.at(-1)).toMatchObject({ platform: "cyberbiz", orderId: id, code: "http_503", cached: true });
  });

  it("trust the API over an old copy: an order it does not know is not found", async () => {
    const stale = cyberbizOrder({ orderId: randomDigits(9) });
    await upsertOrders(db, [stale]);
    expect(await directory.get("cyberbiz", stale.orderId)).toBeNull();
  });

  it("read platforms without an API from the local store only", async () => {
    const id = `QX${randomDigits(6)}`;
    await upsertOrders(db, [qoo10Order({ orderId: id })]);
    expect(await directory.find(id)).toEqual([expect.objectContaining({ platform: "qoo10", orderId: id })]);
  });
});
