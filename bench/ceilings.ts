import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import pg from "pg";

/** The machine's own ceiling for BullMQ: no-op jobs completed per second, 64 at a time. */
export async function bullmqCeiling(redisUrl: string, jobs: number): Promise<number> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const prefix = `rd-bench-ceiling-${Date.now()}`;
  const queue = new Queue("noop", { connection, prefix });
  let done = 0;
  let finished!: () => void;
  const allDone = new Promise<void>((r) => (finished = r));
  const workerConnection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const worker = new Worker("noop", async () => undefined, { connection: workerConnection, prefix, concurrency: 64, autorun: false });
  worker.on("completed", () => {
    if (++done === jobs) finished();
  });
  for (let i = 0; i < jobs; i += 1000) await queue.addBulk(Array.from({ length: Math.min(1000, jobs - i) }, (_, k) => ({ name: "noop", data: { i: i + k }, opts: { removeOnComplete: true } })));
  const started = performance.now();
  void worker.run();
  await allDone;
  const perSecond = jobs / ((performance.now() - started) / 1000);
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  // Connections handed to BullMQ stay open after close(): quit both, or the benchmark never exits.
  await Promise.all([connection.quit(), workerConnection.quit()]);
  return perSecond;
}

/** The machine's own ceiling for Postgres: single-row inserts per second, 16 connections at a time. */
export async function pgInsertCeiling(databaseUrl: string, seconds: number): Promise<number> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 16 });
  await pool.query("CREATE TABLE IF NOT EXISTS bench_ceiling (id bigserial PRIMARY KEY, x int, s text)");
  let inserted = 0;
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(Array.from({ length: 16 }, async () => {
    while (performance.now() < until) {
      await pool.query("INSERT INTO bench_ceiling (x, s) VALUES ($1, $2)", [inserted, "refund"]);
      inserted++;
    }
  }));
  const perSecond = inserted / ((performance.now() - started) / 1000);
  await pool.query("DROP TABLE bench_ceiling");
  await pool.end();
  return perSecond;
}
