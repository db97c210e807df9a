// `npm run bench [-- --quick] [--rate 300] [--json FILE]`: measures the bot as a user runs it (one web
// and one worker process, started with the commands of `npm run start:web` / `start:worker`) against a fake Slack on loopback, and the machine's own ceilings in the
// same run (BullMQ no-op jobs/s, Postgres single-row inserts/s), so the figures can be compared.
import { writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { migrateDatabase } from "../src/db/migrate-database";
import type { AppProcess } from "../test/support/process-runner";
import { benchEnv, REQUESTS_CHANNEL, SECRET, startBot, TOKEN } from "./bench-app";
import { resetBenchDatabase, storeOrders } from "./bench-database";
import { bulkSeconds, CallWatch } from "./bulk-phase";
import { bullmqCeiling, pgInsertCeiling } from "./ceilings";
import { FakeSlackChild } from "./fake-slack-child";
import { benchFigures, printTable, type Measured } from "./figures";
import { ackPhases, cpuCounter, latencyPhase, throughputPhase, type PhaseTools } from "./measured-phases";
import { parseOptions, phaseSecondsFor } from "./options";
import { QueueWatch } from "./queue-watch";
import { RssSampler } from "./rss-sampler";
import { SlackSender } from "./slack-client";
import { benchOrders, type BenchOrders } from "./submissions";

const options = parseOptions();
const phaseSeconds = phaseSecondsFor(options.quick);

const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

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
  const tag = Date.now().toString(36).toUpperCase();
  const orders = benchOrders(options.rate, options.saturateRate, phaseSeconds, tag);
  await storeOrders(options.databaseUrl, orders);

  const env = benchEnv(options, tag, slack.apiUrl);
  const processes: AppProcess[] = [];
  const rss = new RssSampler(() => processes.map((p) => p.child.pid!).filter(Boolean));
  try {
    log("starting one web and one worker process");
    const web = await startBot(env, processes);
    rss.start();
    const sender = new SlackSender(web.baseUrl, SECRET);
    const quiet = new QueueWatch(options.redisUrl, env.QUEUE_PREFIX);
    const tools: PhaseTools = { options, phaseSeconds, sender, decisions, quiet, rss, log };
    const measured = await measure(tools, web, slack, bulkWatch, orders, processes);
    const figures = benchFigures(measured, rss, processes, options.quick);
    printTable(figures);
    if (options.json) writeFileSync(options.json, `${JSON.stringify(figures, null, 2)}\n`);
  } finally {
    for (const p of processes) await p.stop("SIGTERM").catch(() => undefined);
    await slack.stop();
  }
}

/** The phases in order: warm-up and ack latency, throughput, end-to-end latency, the bulk cancel, then the machine's ceilings. */
async function measure(tools: PhaseTools, web: AppProcess, slack: FakeSlackChild, bulkWatch: CallWatch, orders: BenchOrders, processes: AppProcess[]): Promise<Measured> {
  const { sender, quiet, rss } = tools;
  const ack = await ackPhases(tools, orders, web.baseUrl);
  const cpuOf = cpuCounter(processes, slack.pid);
  const saturate = await throughputPhase(tools, orders, cpuOf);
  const latency = await latencyPhase(tools, saturate, cpuOf);
  await quiet.close();
  log("bulk: a cancel of 10,000 orders from a CSV, from the command to the final summary");
  const bulk10k = await bulkSeconds(sender, slack, bulkWatch, orders.bulk.map((o) => o.orderId));
  log(`bulk done; largest RSS in the phase ${Math.round(rss.phaseMax())} MB`);
  rss.stop();
  sender.close();

  log("ceilings: BullMQ no-op jobs, Postgres single-row inserts");
  const bullmq = await bullmqCeiling(options.redisUrl, options.quick ? 10_000 : 50_000);
  const pgInserts = await pgInsertCeiling(options.databaseUrl, options.quick ? 3 : 10);
  return { ack, saturate, latency, bulk10k, bullmq, pgInserts };
}

await main();
