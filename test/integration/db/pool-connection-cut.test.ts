import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { createDb, type Db } from "../../../src/db/client";
import { releaseClientsWhoseConnectionEnds } from "../../../src/db/pool-guard";
import { proxyInFront, type TcpProxy } from "../../chaos/tcp-proxy";
import { databaseUrl } from "../../support/file-database";

let proxy: TcpProxy;
let db: Db;
let proxiedUrl: string;

beforeAll(async () => {
  ({ proxy, url: proxiedUrl } = await proxyInFront(databaseUrl()));
  db = createDb(proxiedUrl, { poolSize: 4 });
});

afterAll(async () => {
  await db?.$disconnect();
  await proxy?.stop();
});

const settle = (p: Promise<unknown>) => p.then(() => "ok" as const, () => "failed" as const);

describe("the connection pools when Postgres drops every connection", () => {
  // A chaos run left a web process whose Prisma pool never answered again after an outage that
  // caught transactions mid-way: every click failed until the process restarted.
  it("answer again once Postgres is back, whatever was in flight (queries, transactions) when it went", { timeout: 60_000 }, async () => {
    for (let round = 0; round < 20; round++) {
      const inFlight = [
        ...Array.from({ length: 4 }, () => settle(db.$transaction(async (tx) => {
          await tx.$queryRaw`SELECT pg_sleep(0.02)`;
          await tx.$queryRaw`SELECT 1`;
        }))),
        ...Array.from({ length: 4 }, () => settle(db.$queryRaw`SELECT pg_sleep(0.01)`)),
        ...Array.from({ length: 4 }, () => settle(db.sql.rows("pool_cut_probe", "SELECT pg_sleep(0.01)"))),
        ...Array.from({ length: 2 }, () => settle(db.sql.transaction(async (tx) => {
          await tx.rows("pool_cut_probe", "SELECT pg_sleep(0.01)");
          await tx.rows("pool_cut_one", "SELECT 1");
        }))),
      ];
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 25));
      proxy.block(50);
      await Promise.all(inFlight);
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    // Back: both pools answer, within a bounded time.
    const deadline = Date.now() + 15_000;
    const answers = async () => (await settle(db.$queryRaw`SELECT 1`)) === "ok" && (await settle(db.sql.rows("pool_cut_one", "SELECT 1"))) === "ok";
    let ok = false;
    while (!ok && Date.now() < deadline) ok = await answers();
    expect(ok).toBe(true);
    expect(await Promise.all(Array.from({ length: 8 }, () => settle(db.$transaction(async (tx) => tx.$queryRaw`SELECT 1`))))).toEqual(Array(8).fill("ok"));
    expect(await Promise.all(Array.from({ length: 8 }, () => settle(db.sql.transaction((tx) => tx.rows("pool_cut_one", "SELECT 1")))))).toEqual(Array(8).fill("ok"));
  });

  it("a client its holder never gives back is dropped when its connection ends, so the pool is not exhausted for good", { timeout: 30_000 }, async () => {
    const pools = { guarded: new pg.Pool({ connectionString: proxiedUrl, max: 2, connectionTimeoutMillis: 2_000 }), bare: new pg.Pool({ connectionString: proxiedUrl, max: 2, connectionTimeoutMillis: 2_000 }) };
    releaseClientsWhoseConnectionEnds(pools.guarded);
    const answers: Record<string, string> = {};
    const leaked: pg.PoolClient[] = [];
    for (const [name, pool] of Object.entries(pools)) {
      pool.on("error", () => undefined);
      // As Prisma's adapter did with a transaction cut in the middle: taken, and never released.
      const held = await Promise.all([pool.connect(), pool.connect()]);
      for (const client of held) client.on("error", () => undefined);
      if (name === "bare") leaked.push(...held);
      proxy.block(20);
      await new Promise((resolve) => setTimeout(resolve, 100));
      answers[name] = await settle(pool.query("SELECT 1"));
      // The holder's own late release changes nothing (and does not throw).
      if (name === "guarded") for (const client of held) expect(() => client.release()).not.toThrow();
    }
    expect(answers).toEqual({ guarded: "ok", bare: "failed" });
    // Without the guard the pool would wait for them forever, its own end() included.
    for (const client of leaked) client.release(new Error("test over"));
    await Promise.all(Object.values(pools).map((pool) => pool.end()));
  });
});
