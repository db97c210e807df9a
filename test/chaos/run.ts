// `npm run chaos [-- --requests 2000] [--seed 7] [--json FILE]`: the chaos suite (chaos-run.ts) on a
// database of its own, created and migrated on the given Postgres server and dropped afterwards.
import { writeFileSync } from "node:fs";
import { Command } from "commander";
import pg from "pg";
import { migrateDatabase } from "../../src/db/migrate-database";
import { runChaos, type ChaosResult } from "./chaos-run";

interface Options {
  requests: number;
  seed: number;
  json?: string;
  workers: number;
  postgresUrl: string;
  drainTimeout: number;
  logs?: string;
}

const whole = (value: string) => {
  const n = Number.parseInt(value, 10);
  if (!Number.isInteger(n) || n < 1) throw new Error(`expected a positive whole number, got ${value}`);
  return n;
};

const program = new Command("chaos")
  .description("Refund Desk chaos suite: the real app under worker kills, Redis restarts, Postgres outages, provider and Slack faults")
  .option("--requests <n>", "orders to refund: one request each, three filed at once for every fifth", whole, 200)
  .option("--seed <n>", "seed of the fault schedule", whole, Date.now() % 100_000)
  .option("--workers <n>", "worker processes (at least 2)", whole, 2)
  .option("--drain-timeout <seconds>", "give up waiting for quiet after this long", whole, 600)
  .option("--json <file>", "also write the figures as JSON to this file")
  .option("--logs <dir>", "write each process's log lines to this directory")
  .option("--postgres-url <url>", "Postgres server (a chaos database is created on it)", process.env.CHAOS_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
program.parse();
// Exit through process.exit, so that runChaos's exit hook kills the app processes and the Redis it started.
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(130));
const options = program.opts<Options>();

const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

/** The figures as a two-column table. */
export function table(result: ChaosResult): string {
  const faults = Object.entries(result.faults).map(([kind, n]) => `${kind} ${n}`).join(", ");
  const rows: [string, string][] = [
    ["orders", `${result.requests} (TWD, JPY, USD; every fifth refunded in 3 requests filed at once)`],
    ["submissions / refused", `${result.submissions} / ${result.refusedFilings} (more than the order had left)`],
    ["seed", String(result.seed)],
    ["faults injected", `${Object.values(result.faults).reduce((a, b) => a + b, 0)} (${faults})`],
    ["final states", Object.entries(result.byState).map(([s, n]) => `${s} ${n}`).join(", ")],
    ["lost", String(result.lost)],
    ["not completed", String(result.notCompleted)],
    ["duplicated refunds", String(result.duplicated)],
    ["missing refunds", String(result.missingRefunds)],
    ["refunded totals wrong", String(result.refundedTotalsWrong)],
    ["split orders wrong", String(result.splitsWrong)],
    ["refund calls / refunds made", `${result.refundCalls} / ${result.refundsMade}`],
    ["stuck jobs", String(result.stuckJobs)],
    ["failed jobs (rebuilt by sweepers)", Object.entries(result.failedJobs).map(([n, c]) => `${n} ${c}`).join(", ") || "0"],
    ["audit problems", String(result.auditProblems)],
    ["Slack behind", String(result.slackBehind)],
    ["time to drain", `${result.drainSeconds.toFixed(1)} s`],
    ["total time", `${result.totalSeconds.toFixed(1)} s`],
    ["result", result.ok ? "PASS" : "FAIL"],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join("\n");
}

async function main(): Promise<number> {
  const database = `refund_desk_chaos_${Date.now().toString(36)}`;
  const url = new URL(options.postgresUrl);
  url.pathname = `/${database}`;
  const databaseUrl = url.toString();
  log(`database ${database}`);
  await migrateDatabase(databaseUrl, (line) => log(`database: ${line}`));
  try {
    const result = await runChaos({ requests: options.requests, seed: options.seed, workers: options.workers, databaseUrl, drainTimeoutMs: options.drainTimeout * 1000, log, ...(options.logs ? { logDir: options.logs } : {}) });
    process.stdout.write(`${table(result)}\n`);
    if (result.examples.length > 0) process.stdout.write(`\nexamples:\n${result.examples.map((e) => `  ${e}`).join("\n")}\n`);
    if (options.json) writeFileSync(options.json, `${JSON.stringify(result, null, 2)}\n`);
    return result.ok ? 0 : 1;
  } finally {
    const admin = new pg.Client({ connectionString: options.postgresUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`chaos run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
