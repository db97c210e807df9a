import { createDb, type Db } from "../../src/db/client";
import { upsertOrders } from "../../src/db/orders";
import type { Order } from "../../src/domain/order";
import type { LocalWorkspace } from "../../src/local-workspace/local-workspace";
import { FakeLinePay } from "../fakes/fake-line-pay";
import { testWorkspace } from "../support/test-workspace";
import { Approver } from "./approver";
import { BOT_TOKEN, ChaosApp, chaosEnv } from "./chaos-app";
import { isSplit, makeOrders, paidAtLinePay, planFilings, type Filing } from "./chaos-orders";
import { checkRun, type Figures } from "./checks";
import { FaultInjector } from "./fault-injector";
import { countFakeFaults, noFaults, type FaultKind } from "./fault-kinds";
import { fileRequests, type Filed } from "./file-requests";
import { OwnRedis } from "./own-redis";
import { prng } from "./seeded-random";
import { TcpProxy } from "./tcp-proxy";

export { APPROVALS_CHANNEL, REQUESTS_CHANNEL } from "./chaos-app";
export { FAULT_KINDS, type FaultKind } from "./fault-kinds";

export interface ChaosOptions {
  /** How many orders are refunded (LINE Pay-paid, in TWD, JPY and USD): one request each, or three filed at once for every fifth. */
  requests: number;
  seed: number;
  /** A migrated database of the run's own: the app reaches it through the suite's TCP proxy. */
  databaseUrl: string;
  /** Worker processes (at least two: one is killed while the other goes on). @defaultValue 2 */
  workers?: number;
  /** Give up waiting for quiet after this long. @defaultValue 180 000 */
  drainTimeoutMs?: number;
  /** Writes each process's last lines there at the end (web.log, worker-N-K.log for the K-th run of worker N). */
  logDir?: string;
  /** Progress lines (stderr in the CLI). */
  log?: (line: string) => void;
}

export interface ChaosResult extends Figures {
  requests: number;
  /** Modal submissions made, and those the bot refused because the order had not enough left (one per split order is expected). */
  submissions: number;
  refusedFilings: number;
  seed: number;
  faults: Record<FaultKind, number>;
  /** Seconds from the end of the chaos to quiet (every request final, Slack caught up, no job waiting). */
  drainSeconds: number;
  totalSeconds: number;
  /** Every check passed. */
  ok: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One run: its settings, what it started, and the faults it counts. */
interface Run {
  options: ChaosOptions;
  log: (line: string) => void;
  random: () => number;
  workerCount: number;
  faults: Record<FaultKind, number>;
  started: number;
  tag: string;
  redis: OwnRedis;
  proxy: TcpProxy;
  approver: Approver;
  slack: LocalWorkspace;
  linePay: FakeLinePay;
  db: Db;
  app: ChaosApp;
}

/**
 * Starts the real app (one web and `workers` worker processes) against a Redis of its own, Postgres
 * behind a TCP proxy, a fake Slack and a fake LINE Pay on loopback; files `requests` requests that
 * all get approved (half by the policy, half by an approver's Approve click) and executed, and while
 * they run breaks things: SIGKILLs workers in the middle of refunds, restarts Redis empty, cuts
 * Postgres off, makes LINE Pay time out, answer 5xx and "already refunded", makes Slack answer 429
 * with Retry-After and 5xx. Then waits for quiet and checks what must hold (see checks.ts).
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const run = prepare(options);
  // If the runner itself dies (Ctrl-C, a test timeout), nothing it started may live on.
  const killEverything = () => {
    run.app.killEverything();
    run.redis.killNow();
  };
  process.once("exit", killEverything);
  try {
    return await play(run);
  } finally {
    process.off("exit", killEverything);
    await run.app.stop();
    await Promise.all([run.redis.stop(), run.proxy.stop(), run.slack.stop(), run.linePay.stop()]);
    await run.db.$disconnect();
    if (options.logDir) run.app.writeLogs(options.logDir);
  }
}

function prepare(options: ChaosOptions): Run {
  const pgUrl = new URL(options.databaseUrl);
  const approver = new Approver();
  return {
    options,
    log: options.log ?? (() => undefined),
    random: prng(options.seed),
    workerCount: Math.max(2, options.workers ?? 2),
    faults: noFaults(),
    started: Date.now(),
    tag: `${Date.now().toString(36).toUpperCase()}`,
    redis: new OwnRedis(),
    proxy: new TcpProxy({ host: pgUrl.hostname, port: Number(pgUrl.port || 5432) }),
    approver,
    slack: testWorkspace({ botToken: BOT_TOKEN, onCall: (call) => approver.onCall(call) }),
    linePay: new FakeLinePay(),
    db: createDb(options.databaseUrl, { poolSize: 4 }),
    app: new ChaosApp(options.logDir ? 20_000 : 300),
  };
}

/** Starts everything, files the requests under chaos, and goes on until they are final. */
async function play(run: Run): Promise<ChaosResult> {
  const { options, log, redis, proxy, slack, linePay, db, app, faults } = run;
  await Promise.all([redis.start(), proxy.start(), slack.start(), linePay.start()]);
  const env = chaosEnv({ databaseUrl: options.databaseUrl, proxyPort: proxy.port, redisUrl: redis.url, tag: run.tag, slackApiUrl: slack.apiUrl, linePay });
  const orders = await seedOrders(run);
  log(`starting web + ${run.workerCount} workers (redis :${redis.port}, postgres via proxy :${proxy.port})`);
  await app.start(env, run.workerCount);
  const baseUrl = app.web!.baseUrl;
  const injector = new FaultInjector(run);
  injector.armFirstFaults();

  // 1. File every request through the modal, as agents do, while 2. the chaos runs in the background
  //    until every request is final (and at least one of each kind).
  const filedAt = Date.now();
  const filings = planFilings(orders);
  const filed: Filed = { ids: new Map(), refused: new Set() };
  injector.start(filed.ids);
  await fileRequests(db, baseUrl, filings, filed, log);
  log(`filed ${filed.ids.size} requests in ${((Date.now() - filedAt) / 1000).toFixed(1)} s, ${filed.refused.size} refused as more than their order had left`);

  // 3. The approver clicks Approve on each approval message, at a person's pace, until the run is over.
  const allIds = [...filed.ids.values()];
  run.approver.start(db, slack, baseUrl, allIds, Math.max(2, Math.ceil(options.requests / 40)));
  await chaosUntilFinal(run, allIds);
  await injector.stop();
  const chaosEnded = Date.now();
  countFakeFaults(faults, linePay, slack);
  log(`chaos over after ${((chaosEnded - run.started) / 1000).toFixed(1)} s: ${JSON.stringify(faults)}; waiting for quiet`);
  await Promise.all([...app.restarting]);
  return settle(run, { orders, filings, filed, prefix: env.QUEUE_PREFIX!, chaosEnded });
}

/** The orders, and their payments at LINE Pay (in its major unit: 15.00 USD for 1500 cents). */
async function seedOrders({ options, tag, db, linePay }: Run): Promise<Order[]> {
  const orders = makeOrders(options.requests, tag);
  await upsertOrders(db, orders);
  for (const order of orders) linePay.addPayment({ transactionId: order.transactionId!, orderId: order.orderId, amount: paidAtLinePay(order), currency: order.currency, paidAt: order.createdAt });
  // "Already refunded": a few payments whose first refund is answered too late and whose details lag (fake-line-pay.ts).
  // Not on split orders: with details that lag, no client can tell a partial refund made from one not made.
  const trapped = orders.filter((_, i) => (i % 17 === 3 || i === 1) && !isSplit(i));
  for (const order of trapped) linePay.alreadyRefundedTrap(order.transactionId!);
  return orders;
}

/** 4. The chaos goes on while requests run: until all are final, or for a while (at least one round of each fault either way). */
async function chaosUntilFinal({ options, db, faults, started, log }: Run, allIds: number[]): Promise<void> {
  const finalStates = ["completed", "failed", "manual_pending", "rejected", "denied", "expired"];
  const mandatoryDone = () => faults.worker_sigkill >= 2 && faults.redis_restart >= 1 && faults.postgres_outage >= 1;
  const chaosUntil = Date.now() + Math.max(30_000, options.requests * 60);
  for (;;) {
    const rows = await db.refundRequest.findMany({ where: { id: { in: allIds } }, select: { id: true, state: true } }).catch(() => []);
    const counts: Record<string, number> = {};
    for (const r of rows) counts[r.state] = (counts[r.state] ?? 0) + 1;
    log(`progress: ${JSON.stringify(counts)}`);
    const final = rows.filter((r) => finalStates.includes(r.state)).length;
    if (mandatoryDone() && (final === allIds.length || Date.now() > chaosUntil)) break;
    if (Date.now() - started > (options.drainTimeoutMs ?? 180_000) * 3) break;
    await sleep(5_000);
  }
}

interface Played {
  orders: Order[];
  filings: Filing[];
  filed: Filed;
  prefix: string;
  chaosEnded: number;
}

/** 5. Quiet: every request final, Slack caught up, no job waiting or running; then the checks, once more after quiet. */
async function settle(run: Run, { orders, filings, filed, prefix, chaosEnded }: Played): Promise<ChaosResult> {
  const { options, db, linePay, slack, redis, faults, log, app } = run;
  const redisUrl = redis.url;
  const expected = { filings, ids: filed.ids, refused: filed.refused };
  let figures = await checkRun({ db, linePay, orders, expected, redisUrl, prefix });
  const drainDeadline = Date.now() + (options.drainTimeoutMs ?? 180_000);
  while (!figures.quiet && Date.now() < drainDeadline) {
    await sleep(1_000);
    figures = await checkRun({ db, linePay, orders, expected, redisUrl, prefix });
  }
  const drainSeconds = (Date.now() - chaosEnded) / 1000;
  await run.approver.stop();
  // Checked once more after quiet, so a late duplicate refund would still be seen.
  await sleep(3_000);
  figures = await checkRun({ db, linePay, orders, expected, redisUrl, prefix });
  countFakeFaults(faults, linePay, slack);
  const ok =
    figures.lost === 0 && figures.notCompleted === 0 && figures.duplicated === 0 && figures.missingRefunds === 0 && figures.refundedTotalsWrong === 0 &&
    figures.splitsWrong === 0 && figures.stuckJobs === 0 && figures.auditProblems === 0 && figures.slackBehind === 0;
  if (!ok) app.lastLines(log);
  return { requests: options.requests, submissions: filings.length, refusedFilings: filed.refused.size, seed: options.seed, faults, drainSeconds, totalSeconds: (Date.now() - run.started) / 1000, ok, ...figures };
}
