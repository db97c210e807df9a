import { createDb } from "../src/db/client";
import { databaseNameOf, dropDatabase } from "../src/db/ensure-database";
import { upsertOrders } from "../src/db/orders";
import type { BenchOrders } from "./submissions";

/**
 * Drops the benchmark's database, so that every run starts empty: requests left behind by an
 * interrupted run would otherwise be swept up by this run's worker and measured with it. Only a
 * database whose name says it is a benchmark's is dropped.
 */
export async function resetBenchDatabase(databaseUrl: string): Promise<void> {
  const name = databaseNameOf(databaseUrl);
  if (!/bench/.test(name)) throw new Error(`the benchmark empties its database: name one with "bench" in it (not ${name})`);
  await dropDatabase(databaseUrl);
}

/** Stores every phase's orders, before the bot starts. */
export async function storeOrders(databaseUrl: string, orders: BenchOrders): Promise<void> {
  const db = createDb(databaseUrl, { poolSize: 4 });
  for (const phaseOrders of [orders.warmUp, orders.ack, orders.max, orders.latency, orders.bulk]) await upsertOrders(db, phaseOrders);
  await db.$disconnect();
}
