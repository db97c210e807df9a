// `npm run bench [-- --quick] [--rate 300] [--json FILE]`: measures the bot as a user runs it (one web
// and one worker process, started with the commands of `npm run start:web` / `start:worker`) against a fake Slack on loopback, and the machine's own ceilings in the
// same run (BullMQ no-op jobs/s, Postgres single-row inserts/s), so the figures can be compared.
import { writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { availableParallelism } from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Command } from "commander";
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import pg from "pg";
import { createDb } from "../src/db/client";
import { databaseNameOf, dropDatabase } from "../src/db/ensure-database";
import { migrateDatabase } from "../src/db/migrate-database";
import { upsertOrders } from "../src/db/orders";
import { orderSchema, type Order } from "../src/domain/order";
import { buildRequestModal } from "../src/slack/views/request-modal";
import { FakeSlackChild } from "./fake-slack-child";
import { answerPercentileBoundMs, slackAnswerBuckets } from "./server-answer-times";

const BENCH_METRICS_TOKEN = "bench-metrics-token-0123456789";
import { startApp, type AppProcess } from "../test/support/process-runner";
import { bulkSeconds, CallWatch } from "./bulk-phase";
import { QueueWatch } from "./queue-watch";
import { percentile } from "./percentiles";
import { cpuMs, programCpuMs } from "./cpu-time";
import { RssSampler } from "./rss-sampler";
import { commandOf } from "./npm-script-command";
import { formBody, SlackSender } from "./slack-client";
import { wordsFor } from "../src/presentation/words";

const SECRET = "bench-signing-secret-0123456789";
const TOKEN = "xoxb-bench-token";
const REQUESTS_CHANNEL = "C0BENCHREQ";

interface Options {
  quick: boolean;
  rate: number;
  saturateRate: number;
  json?: string;
  answers?: string;
  decisions?: string;
  databaseUrl: string;
  redisUrl: string;
}

const program = new Command("bench")
  .description("Refund Desk benchmark: ack latency, end-to-end throughput and latency, machine ceilings, memory")
  .option("--quick", "a short run (under a minute)", false)
  .option("--rate <n>", "submissions per second for the ack latency phase", (v) => Number.parseInt(v, 10), 300)
  .option("--saturate-rate <n>", "submissions per second offered in the throughput phase (above what the pipeline can take)", (v) => Number.parseInt(v, 10), 1500)
  .option("--json <file>", "also write the figures as JSON to this file")
  .option("--answers <file>", "write the ack phase's answers to this file, one JSON line each (sent at: ms after the phase began, and epoch ms; answer time, ms): to see when the slow ones came")
  .option("--decisions <file>", "write the end-to-end latency phase's decisions to this file, one JSON line each (sent at, epoch ms; ms to the decision message): to see when the late ones came")
  .option("--database-url <url>", "Postgres server to use (a bench database is created on it)", process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/refund_desk_bench")
  .option("--redis-url <url>", "Redis to use", process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379");
program.parse();
const options = program.opts<Options>();
// Seconds of offered load per phase; each phase then waits for the pipeline to drain, so no phase measures the last one's backlog.
const WARM_UP_SECONDS = 5;
const phaseSeconds = options.quick ? { ack: 3, saturate: 2, latency: 3 } : { ack: 20, saturate: 10, latency: 20 };

const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Orders the submissions refund, one order per submission, all inside LINE Pay's window. */
function makeOrders(count: number, tag: string): Order[] {
  const placed = new Date(Date.now() - 3 * 86_400_000).toISOString();
  return Array.from({ length: count }, (_, i) =>
    orderSchema.parse({
      platform: "cyberbiz", orderId: `B${tag}${i}`, status: "shipped", paymentMethod: "line_pay", transactionId: `2026${String(i).padStart(15, "0")}`,
      currency: "TWD", total: 1200, createdAt: placed, buyerLocale: "zh-TW",
    }),
  );
}

/** A view_submission exactly as Slack would send back the modal the bot opens for `order`. */
function submissionFor(order: Order): Record<string, string> {
  const view = buildRequestModal(wordsFor("en"), { order, command: "refund", channelId: "C0SUPPORT", initiator: "store", kind: "refund" });
  const payload = {
    type: "view_submission",
    team: { id: "T0BENCH", domain: "bench" },
    user: { id: "U0AGENT", username: "agent", name: "agent", team_id: "T0BENCH" },
    api_app_id: "A0APP",
    token: "legacy",
    trigger_id: `t.${randomUUID()}`,
    view: {
      ...view, id: `V${randomUUID().replaceAll("-", "").slice(0, 12)}`, team_id: "T0BENCH", app_id: "A0APP", bot_id: "B0BOT", hash: "h",
      state: {
        values: {
          initiator: { initiator_choice: { type: "radio_buttons", selected_option: { value: "store" } } },
          kind: { kind_choice: { type: "radio_buttons", selected_option: { value: "refund" } } },
          reason_store_refund: { reason_choice: { type: "static_select", selected_option: { value: "defective_item" } } },
          amount: { amount_input: { type: "plain_text_input", value: "500" } },
          options: { options_choice: { type: "checkboxes", selected_options: [] } },
          note: { note_input: { type: "plain_text_input", value: null } },
        },
      },
    },
    response_urls: [],
  };
  return { payload: JSON.stringify(payload) };
}

interface PhaseResult {
  sent: number;
  /** The times of the answers Slack takes as an acknowledgement (200, empty body). */
  acks: number[];
  /** Every answer: when it was sent (ms after the phase began) and how long it took. */
  answers: { sentMs: number; sentAt: number; ms: number; acked: boolean }[];
  failures: number;
  /** ms from sending to the decision message, per order that got one. */
  e2e: number[];
  /** The same, with when each was sent (epoch ms). */
  decided: { sentAt: number; ms: number }[];
  decidedPerSecond: number;
}

/** A phase's submissions, one per order, encoded. */
interface Submissions {
  orders: Order[];
  bodies: Buffer[];
}

/**
 * Built before a phase starts, outside its timing and its CPU count: building the modal (the policy
 * engine runs to list its offers) and encoding it cost the driver more than sending it, and the
 * driver shares the cores with the bot.
 */
function submissionsFor(orders: Order[], rate: number, seconds: number): Submissions {
  const sent = orders.slice(0, Math.round(rate * seconds));
  return { orders: sent, bodies: sent.map((order) => formBody(submissionFor(order))) };
}

/**
 * Open loop: submissions leave at `rate` per second whatever the answers, as real traffic does;
 * then waits (bounded) for every decision message to arrive.
 */
async function runPhase(sender: SlackSender, decisions: Map<string, number>, { orders, bodies }: Submissions, rate: number, drainMs = 60_000): Promise<PhaseResult> {
  const count = bodies.length;
  const sentAt = new Map<string, number>();
  const answers: PhaseResult["answers"] = [];
  let failures = 0;
  const inFlight: Promise<void>[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const order = orders[i]!;
    const at = Date.now();
    sentAt.set(order.orderId, at);
    const sentMs = performance.now() - started;
    inFlight.push(
      sender.sendBody(bodies[i]!).then(
        (r) => {
          const acked = r.status === 200 && r.body === "";
          answers.push({ sentMs, sentAt: at, ms: r.ms, acked });
          if (!acked) failures++;
        },
        () => void failures++,
      ),
    );
  }
  await Promise.all(inFlight);
  const deadline = Date.now() + drainMs;
  while (Date.now() < deadline && [...sentAt.keys()].some((id) => !decisions.has(id))) await sleep(100);
  const decided: PhaseResult["decided"] = [];
  const arrivals: number[] = [];
  for (const [orderId, at] of sentAt) {
    const decidedAt = decisions.get(orderId);
    if (decidedAt !== undefined) {
      decided.push({ sentAt: at, ms: decidedAt - at });
      arrivals.push(decidedAt);
    }
  }
  const e2e = decided.map((d) => d.ms);
  arrivals.sort((a, b) => a - b);
  // Throughput over the middle 80 % of arrivals: start-up and the tail do not count.
  const lo = arrivals[Math.floor(arrivals.length * 0.1)] ?? 0;
  const hi = arrivals[Math.floor(arrivals.length * 0.9)] ?? 0;
  const decidedPerSecond = hi > lo ? (Math.floor(arrivals.length * 0.9) - Math.floor(arrivals.length * 0.1)) / ((hi - lo) / 1000) : 0;
  return { sent: count, acks: answers.filter((a) => a.acked).map((a) => a.ms), answers, failures, e2e, decided, decidedPerSecond };
}

async function bullmqCeiling(redisUrl: string, jobs: number): Promise<number> {
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

async function pgInsertCeiling(databaseUrl: string, seconds: number): Promise<number> {
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

async function main(): Promise<void> {
  // When each request's decision message reached Slack, by its order id.
  const decisions = new Map<string, number>();
  const bulkWatch = new CallWatch();
  // In a process of its own: the worker's calls are not served on the event loop that times the answers.
  const slack = await FakeSlackChild.start(TOKEN, REQUESTS_CHANNEL, { onDecided: (orderId, at) => void decisions.set(orderId, at), onCall: (call) => bulkWatch.onCall(call) });

  log("building dist/ (npm run build), as npm start does");
  execFileSync("npm", ["run", "--silent", "build"], { stdio: "inherit" });
  log(`preparing ${options.databaseUrl} (emptied first)`);
  await resetBenchDatabase(options.databaseUrl);
  await migrateDatabase(options.databaseUrl, (line) => log(`database: ${line}`));
  const db = createDb(options.databaseUrl, { poolSize: 4 });
  const tag = Date.now().toString(36).toUpperCase();
  const warmUpOrders = makeOrders(options.rate * WARM_UP_SECONDS, `${tag}W`);
  const ackOrders = makeOrders(options.rate * phaseSeconds.ack, `${tag}A`);
  const maxOrders = makeOrders(options.saturateRate * phaseSeconds.saturate, `${tag}M`);
  const latencyOrders = makeOrders(options.saturateRate * phaseSeconds.latency, `${tag}L`);
  // A bad day: 10,000 new Qoo10 orders out of stock, cancelled in one bulk request.
  const bulkOrders = Array.from({ length: 10_000 }, (_, i) =>
    orderSchema.parse({ platform: "qoo10", orderId: `Q${tag}K${i}`, status: "new", paymentMethod: "credit_card", currency: "JPY", total: 5800, createdAt: new Date(Date.now() - 86_400_000).toISOString(), buyerLocale: "ja-JP" }),
  );
  for (const orders of [warmUpOrders, ackOrders, maxOrders, latencyOrders, bulkOrders]) await upsertOrders(db, orders);
  await db.$disconnect();

  const env = {
    ...process.env,
    NODE_ENV: "production",
    LOG_LEVEL: "info",
    DOTENV_PATH: "/nonexistent/.env",
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    QUEUE_PREFIX: `rd-bench-${tag.toLowerCase()}`,
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
    REFUND_REQUESTS_CHANNEL: REQUESTS_CHANNEL,
    REFUND_APPROVALS_CHANNEL: "C0BENCHAPP",
    // The benchmark measures the bot, not Slack's own rate limits.
    SLACK_JOBS_PER_SECOND: "100000",
    WORKER_CONCURRENCY: process.env.WORKER_CONCURRENCY ?? "16",
    PORT: "0",
    // /metrics on PORT, behind this token: the run reads the web's own timing of its answers there.
    METRICS_TOKEN: BENCH_METRICS_TOKEN,
  };
  const processes: AppProcess[] = [];
  const rss = new RssSampler(() => processes.map((p) => p.child.pid!).filter(Boolean));
  try {
    log("starting one web and one worker process");
    const webScript = commandOf("start:web");
    const web = await startApp({ command: webScript.command, env: { ...env, ...webScript.env }, readyMessage: "web: listening", maxLines: 200 });
    processes.push(web);
    const workerScript = commandOf("start:worker");
    const worker = await startApp({ command: workerScript.command, env: { ...env, ...workerScript.env }, readyMessage: "worker: processing jobs", maxLines: 200 });
    processes.push(worker);
    rss.start();
    const sender = new SlackSender(web.baseUrl, SECRET);

    const quiet = new QueueWatch(options.redisUrl, env.QUEUE_PREFIX);
    // The warm-up runs at the measured rate, long enough that pools are open, hot paths compiled and
    // heaps collected at their working size before the phase: a shorter or slower one left that to
    // the phase's first seconds, whose answers then made its p99. Its own p99 is printed apart.
    // The ack phase's submissions are built now, so that the driver collects what building them left
    // during the warm-up rather than in the phase's first answers.
    const warmUpSubmissions = submissionsFor(warmUpOrders, options.rate, WARM_UP_SECONDS);
    const ackSubmissions = submissionsFor(ackOrders, options.rate, phaseSeconds.ack);
    log(`warm-up: ${options.rate}/s for ${WARM_UP_SECONDS} s, measured apart`);
    const warmUp = await runPhase(sender, decisions, warmUpSubmissions, options.rate, 60_000);
    log(`drained in ${await quiet.untilQuiet()} s; largest RSS in the phase ${Math.round(rss.phaseMax())} MB`);
    log(`ack latency: ${options.rate}/s for ${phaseSeconds.ack} s`);
    // The driver also serves the fake Slack: how late its own event loop ran says whether it, not the bot, slowed the answers it timed.
    const driverDelay = monitorEventLoopDelay({ resolution: 5 });
    driverDelay.enable();
    const answersBefore = await slackAnswerBuckets(web.baseUrl, BENCH_METRICS_TOKEN);
    const ack = await runPhase(sender, decisions, ackSubmissions, options.rate, 300_000);
    const answersAfter = await slackAnswerBuckets(web.baseUrl, BENCH_METRICS_TOKEN);
    if (options.answers) writeFileSync(options.answers, ack.answers.map((a) => JSON.stringify(a)).join("\n") + "\n");
    driverDelay.disable();
    log(`drained in ${await quiet.untilQuiet()} s; largest RSS in the phase ${Math.round(rss.phaseMax())} MB`);

    log(`throughput: open loop at ${options.saturateRate}/s for ${phaseSeconds.saturate} s`);
    // CPU spent per request decided in this phase, by the bot's processes and by what shares the machine with them.
    const cpuOf = () => [...processes.map((p) => cpuMs(p.child.pid!)), programCpuMs("postgres"), programCpuMs("redis-server"), process.cpuUsage().user / 1000 + process.cpuUsage().system / 1000, cpuMs(slack.pid)];
    const maxSubmissions = submissionsFor(maxOrders, options.saturateRate, phaseSeconds.saturate);
    const cpuBefore = cpuOf();
    const saturated = await runPhase(sender, decisions, maxSubmissions, options.saturateRate, 300_000);
    const [webCpuMs, workerCpuMs, postgresCpuMs, redisCpuMs, driverCpuMs, fakeSlackCpuMs] = cpuOf().map((ms, i) => (ms - cpuBefore[i]!) / Math.max(1, saturated.e2e.length));
    const throughput = saturated.decidedPerSecond;
    const latencyRate = Math.max(1, Math.round(throughput * 0.8));
    // Built before the drain, not inside the phase's CPU count, and so that the driver's collection
    // of what building left is over before the phase starts.
    const latencySubmissions = submissionsFor(latencyOrders, latencyRate, phaseSeconds.latency);
    log(`drained in ${await quiet.untilQuiet()} s; largest RSS in the phase ${Math.round(rss.phaseMax())} MB`);

    log(`end-to-end latency: ${latencyRate}/s (80 % of ${Math.round(throughput)}/s) for ${phaseSeconds.latency} s`);
    const latencyCpuBefore = cpuOf();
    const latency = await runPhase(sender, decisions, latencySubmissions, latencyRate, 300_000);
    // Fewer requests go together at 80 % of the rate than when saturated, so each costs more: this says how much of the machine that rate took.
    const latencyCpuByProcess = cpuOf().map((ms, i) => (ms - latencyCpuBefore[i]!) / Math.max(1, latency.e2e.length));
    const latencyCpuMs = sum(latencyCpuByProcess);
    if (options.decisions) writeFileSync(options.decisions, latency.decided.map((d) => JSON.stringify(d)).join("\n") + "\n");
    log(`drained in ${await quiet.untilQuiet()} s; largest RSS in the phase ${Math.round(rss.phaseMax())} MB`);
    await quiet.close();
    log("bulk: a cancel of 10,000 orders from a CSV, from the command to the final summary");
    const bulk10k = await bulkSeconds(sender, slack, bulkWatch, bulkOrders.map((o) => o.orderId));
    log(`bulk done; largest RSS in the phase ${Math.round(rss.phaseMax())} MB`);
    rss.stop();
    sender.close();

    log("ceilings: BullMQ no-op jobs, Postgres single-row inserts");
    const bullmq = await bullmqCeiling(options.redisUrl, options.quick ? 10_000 : 50_000);
    const pgInserts = await pgInsertCeiling(options.databaseUrl, options.quick ? 3 : 10);

    const figures = {
      ackP50Ms: round(percentile(ack.acks, 50)),
      ackP99Ms: round(percentile(ack.acks, 99)),
      warmUpAckP99Ms: round(percentile(warmUp.acks, 99)),
      ackFailures: ack.failures,
      ackDriverLoopDelayP99Ms: round(driverDelay.percentile(99) / 1e6),
      // The same answers as the web timed them, from arrival to answer: the bound of the histogram bucket.
      ackServerP50MsAtMost: answerPercentileBoundMs(answersBefore, answersAfter, 50),
      ackServerP99MsAtMost: answerPercentileBoundMs(answersBefore, answersAfter, 99),
      e2eThroughput: round(throughput),
      e2eP50Ms: round(percentile(latency.e2e, 50)),
      e2eP99Ms: round(percentile(latency.e2e, 99)),
      e2eLatencyRate: latencyRate,
      // CPU of every process on the machine (the bot's, Postgres, Redis, the driver, the fake Slack) per request decided:
      // when saturated, and at the latency phase's rate; and the share of the machine's cores that rate needs at that cost.
      cpuMsPerRequestAll: round(sum([webCpuMs, workerCpuMs, postgresCpuMs, redisCpuMs, driverCpuMs, fakeSlackCpuMs].map((ms) => ms ?? 0)), 2),
      e2eLatencyCpuMsPerRequestAll: round(latencyCpuMs, 2),
      e2eLatencyRateOverCores: round((latencyRate * latencyCpuMs) / (availableParallelism() * 1000), 2),
      decisionsMissing: ack.sent + saturated.sent + latency.sent - ack.e2e.length - saturated.e2e.length - latency.e2e.length,
      bulk10kSeconds: round(bulk10k),
      bullmqCeiling: round(bullmq),
      pgInsertCeiling: round(pgInserts),
      throughputOverBullmqCeiling: round(throughput / bullmq, 3),
      throughputOverPgInsertCeiling: round(throughput / pgInserts, 3),
      cpuMsPerRequestWeb: round(webCpuMs ?? 0, 2),
      cpuMsPerRequestWorker: round(workerCpuMs ?? 0, 2),
      cpuMsPerRequestPostgres: round(postgresCpuMs ?? 0, 2),
      cpuMsPerRequestRedis: round(redisCpuMs ?? 0, 2),
      // The driver sends the submissions and its child serves the fake Slack: load a real deployment does not carry.
      cpuMsPerRequestDriver: round(driverCpuMs ?? 0, 2),
      // Slack's side of the three calls per request: in production another company's servers, here the same two cores.
      cpuMsPerRequestFakeSlack: round(fakeSlackCpuMs ?? 0, 2),
      // The same at the latency phase's rate: which process pays for the smaller batches.
      ...Object.fromEntries(["Web", "Worker", "Postgres", "Redis", "Driver", "FakeSlack"].map((name, i) => [`e2eLatencyCpuMsPerRequest${name}`, round(latencyCpuByProcess[i] ?? 0, 2)])),
      rssMbMax: round(rss.maxMb),
      rssMbWeb: round(rss.byPid.get(processes[0]!.child.pid!) ?? 0),
      rssMbWorker: round(rss.byPid.get(processes[1]!.child.pid!) ?? 0),
      quick: options.quick,
    };
    printTable(figures);
    if (options.json) writeFileSync(options.json, `${JSON.stringify(figures, null, 2)}\n`);
  } finally {
    for (const p of processes) await p.stop("SIGTERM").catch(() => undefined);
    await slack.stop();
  }
}

/**
 * Drops the benchmark's database, so that every run starts empty: requests left behind by an
 * interrupted run would otherwise be swept up by this run's worker and measured with it. Only a
 * database whose name says it is a benchmark's is dropped.
 */
async function resetBenchDatabase(databaseUrl: string): Promise<void> {
  const name = databaseNameOf(databaseUrl);
  if (!/bench/.test(name)) throw new Error(`the benchmark empties its database: name one with "bench" in it (not ${name})`);
  await dropDatabase(databaseUrl);
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function printTable(figures: Record<string, unknown>): void {
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  for (const [key, value] of Object.entries(figures)) process.stdout.write(`${key.padEnd(width)}  ${String(value)}\n`);
}

await main();
