import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb, type Db } from "../../src/db/client";
import { upsertOrders } from "../../src/db/orders";
import { FakeLinePay } from "../fakes/fake-line-pay";
import { testWorkspace } from "../support/test-workspace";
import type { SlackCall } from "../../src/local-workspace/workspace-types";
import { startApp, type AppProcess } from "../support/process-runner";
import { messageButtonClick, postToSlackEvents } from "../support/slack-requests";
import { isSplit, makeOrders, paidAtLinePay, planFilings, type Filing } from "./chaos-orders";
import { checkRun, type Figures } from "./checks";
import { OwnRedis } from "./own-redis";
import { TcpProxy } from "./tcp-proxy";

const SIGNING_SECRET = "chaos-signing-secret-0123456789";
const BOT_TOKEN = "xoxb-chaos-token";
export const REQUESTS_CHANNEL = "C0CHAOSREQ";
export const APPROVALS_CHANNEL = "C0CHAOSAPP";
const APPROVER = "U0CHAOSBOSS";
/** Up to 1,000 in the smallest unit (an order's refunds together) approved by the policy; above, one approver clicks Approve in Slack. */
const POLICY = `
approvers: { users: [${APPROVER}] }
thresholds:
  TWD: { autoApproveUpTo: 1000, singleApproverUpTo: 1000000 }
  JPY: { autoApproveUpTo: 1000, singleApproverUpTo: 1000000 }
  USD: { autoApproveUpTo: 1000, singleApproverUpTo: 1000000 }
`;

export type FaultKind =
  | "worker_sigkill"
  | "redis_restart"
  | "postgres_outage"
  | "provider_timeout"
  | "provider_5xx"
  | "provider_already_refunded"
  | "slack_429"
  | "slack_5xx";

export const FAULT_KINDS: readonly FaultKind[] = ["worker_sigkill", "redis_restart", "postgres_outage", "provider_timeout", "provider_5xx", "provider_already_refunded", "slack_429", "slack_5xx"];

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

/** A small, seeded PRNG (mulberry32): the same seed plays the same schedule of faults. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const node = (entry: string) => [process.execPath, "--import", "tsx", `src/entry/${entry}.ts`];

/** The app's database URL: the same database, through the proxy. */
function throughProxy(databaseUrl: string, port: number): string {
  const url = new URL(databaseUrl);
  url.hostname = "127.0.0.1";
  url.port = String(port);
  return url.toString();
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
  const log = options.log ?? (() => undefined);
  const random = prng(options.seed);
  const workerCount = Math.max(2, options.workers ?? 2);
  const faults = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
  const started = Date.now();
  const tag = `${Date.now().toString(36).toUpperCase()}`;
  const pgUrl = new URL(options.databaseUrl);

  const redis = new OwnRedis();
  const proxy = new TcpProxy({ host: pgUrl.hostname, port: Number(pgUrl.port || 5432) });
  // The approval message of each request, as it is posted (its ts is in the call's response once answered).
  const approvalMessages = new Map<number, SlackCall[]>();
  const slack = testWorkspace({
    botToken: BOT_TOKEN,
    onCall: (call) => {
      if (call.method !== "chat.postMessage" || call.body.channel !== APPROVALS_CHANNEL) return;
      const blocks = (Array.isArray(call.body.blocks) ? call.body.blocks : []) as { elements?: { action_id?: string; value?: string }[] }[];
      const id = Number(blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === "approve_request")?.value);
      if (id) approvalMessages.set(id, [...(approvalMessages.get(id) ?? []), call]);
    },
  });
  const linePay = new FakeLinePay();
  const db: Db = createDb(options.databaseUrl, { poolSize: 4 });
  let web: AppProcess | undefined;
  const workers: (AppProcess | undefined)[] = [];
  const restarting = new Set<Promise<void>>();
  const finished: { name: string; process: AppProcess }[] = [];
  const maxLines = options.logDir ? 20_000 : 300;

  // If the runner itself dies (Ctrl-C, a test timeout), nothing it started may live on.
  const killEverything = () => {
    for (const p of [web, ...workers, ...finished.map((f) => f.process)]) if (p?.child.pid) try { process.kill(-p.child.pid, "SIGKILL"); } catch { /* gone */ }
    redis.killNow();
  };
  process.once("exit", killEverything);
  try {
    await Promise.all([redis.start(), proxy.start(), slack.start(), linePay.start()]);
    const dir = mkdtempSync(join(tmpdir(), "rd-chaos-"));
    writeFileSync(join(dir, "refund-desk.config.yaml"), POLICY);
    const env: Record<string, string> = {
      NODE_ENV: "test",
      LOG_LEVEL: "info",
      DOTENV_PATH: "/nonexistent/.env",
      DATABASE_URL: throughProxy(options.databaseUrl, proxy.port),
      REDIS_URL: redis.url,
      QUEUE_PREFIX: `chaos-${tag.toLowerCase()}`,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      REFUND_REQUESTS_CHANNEL: REQUESTS_CHANNEL,
      REFUND_APPROVALS_CHANNEL: APPROVALS_CHANNEL,
      REFUND_DESK_CONFIG: join(dir, "refund-desk.config.yaml"),
      LINEPAY_CHANNEL_ID: linePay.channelId,
      LINEPAY_CHANNEL_SECRET: linePay.channelSecret,
      LINEPAY_API_URL: linePay.apiUrl,
      PORT: "0",
      WORKER_CONCURRENCY: "8",
      // Short, so that what Redis forgot is rebuilt from Postgres within seconds, not minutes.
      SWEEP_EVERY_MS: "2000",
      STALE_REQUEST_AFTER_MS: "4000",
      SWEEP_EXECUTIONS_EVERY_MS: "2000",
      STALLED_EXECUTION_AFTER_MS: "5000",
    };
    const startWorker = (i: number) =>
      startApp({ command: node("worker"), env, readyMessage: "worker: processing jobs", maxLines }).then((p) => {
        workers[i] = p;
        finished.push({ name: `worker-${i}-${finished.filter((f) => f.name.startsWith(`worker-${i}-`)).length + 1}`, process: p });
      });

    // The orders, and their payments at LINE Pay (in its major unit: 15.00 USD for 1500 cents).
    const orders = makeOrders(options.requests, tag);
    await upsertOrders(db, orders);
    for (const order of orders) linePay.addPayment({ transactionId: order.transactionId!, orderId: order.orderId, amount: paidAtLinePay(order), currency: order.currency, paidAt: order.createdAt });
    // "Already refunded": a few payments whose first refund is answered too late and whose details lag (fake-line-pay.ts).
    // Not on split orders: with details that lag, no client can tell a partial refund made from one not made.
    const trapped = orders.filter((_, i) => (i % 17 === 3 || i === 1) && !isSplit(i));
    for (const order of trapped) linePay.alreadyRefundedTrap(order.transactionId!);

    log(`starting web + ${workerCount} workers (redis :${redis.port}, postgres via proxy :${proxy.port})`);
    [web] = await Promise.all([startApp({ command: node("web"), env, maxLines }).then((p) => {
        finished.push({ name: "web-1", process: p });
        return p;
      }), ...Array.from({ length: workerCount }, (_, i) => startWorker(i))]);
    const baseUrl = web!.baseUrl;

    // Provider and Slack faults armed from the start; more are armed while the run goes on.
    const armProviderFault = () => {
      const r = random();
      linePay.failNext(1, r < 0.3 ? { kind: "timeout" } : r < 0.65 ? { kind: "http500" } : { kind: "http", status: 503 });
    };
    const armSlackFault = () => {
      const method = random() < 0.5 ? "chat.postMessage" : "chat.update";
      if (random() < 0.5) slack.failNext(method, { status: 429, retryAfterSeconds: 1 });
      else slack.failNext(method, { status: random() < 0.5 ? 500 : 503 });
    };
    linePay.failNext(1, { kind: "timeout" });
    linePay.failNext(1, { kind: "http500" });
    slack.failNext("chat.postMessage", { status: 429, retryAfterSeconds: 1 });
    slack.failNext("chat.postMessage", { status: 503 });

    // 1. File every request through the modal, as agents do; a submission that failed is sent again
    //    (the same view: a second request is never filed for it), one the bot refused is not (the
    //    order has not enough left: what a split order's third request must get).
    const filedAt = Date.now();
    const filings = planFilings(orders);
    const ids = new Map<string, number>();
    const refused = new Set<string>();
    const fileOne = async (filing: Filing) => {
      for (let attempt = 0; ; attempt++) {
        const existing = await db.refundRequest.findUnique({ where: { idempotencyKey: `slack-view:T0FAKE:${filing.viewId}` }, select: { id: true } }).catch(() => null);
        if (existing) return void ids.set(filing.key, existing.id);
        const answer = await postToSlackEvents(baseUrl, filing.form, { secret: SIGNING_SECRET })
          .then(async (res) => ({ status: res.status, body: await res.text() }))
          .catch((error: unknown) => ({ status: 0, body: String(error) }));
        if (answer.status === 200 && /is left to refund|can be refunded|Nothing is left to refund/.test(answer.body)) return void refused.add(filing.key);
        const ok = answer.status === 200 && answer.body === "";
        if (!ok) log(`filing ${filing.key}: HTTP ${answer.status} ${answer.body.slice(0, 300)}`);
        // An agent gives up after a while; the request then counts as lost.
        if (!ok && attempt >= 30) return;
        if (!ok) await sleep(500 + Math.min(attempt, 8) * 250);
        else await sleep(50);
      }
    };
    // 2. Chaos, in the background until every request is final (and at least one of each kind).
    let chaosOn = true;
    let killsDue = 0;
    const chaos = (async () => {
      const schedule: FaultKind[] = ["worker_sigkill", "redis_restart", "postgres_outage", "worker_sigkill"];
      let step = 0;
      let nextAt = Date.now() + 2_500;
      while (chaosOn) {
        await sleep(250);
        // One fault at a time in each fake: a backlog would all fall on the last few requests.
        if (linePay.pendingFaults === 0 && random() < 0.2) armProviderFault();
        if (slack.pendingFaults === 0 && random() < 0.2) armSlackFault();
        if (Date.now() < nextAt) continue;
        const kind = schedule[step % schedule.length]!;
        if (kind === "worker_sigkill") {
          // In the middle of executing refunds: a request is executing, and every worker is up.
          const executing = await db.refundRequest.count({ where: { id: { in: [...ids.values()] }, state: "executing" } }).catch(() => 0);
          if (executing === 0 || restarting.size > 0 || workers.some((w) => !w)) {
            killsDue += 1;
            if (killsDue < 40) continue;
          }
          killsDue = 0;
          const i = Math.floor(random() * workerCount);
          const victim = workers[i]!;
          workers[i] = undefined;
          await victim.stop("SIGKILL");
          faults.worker_sigkill += 1;
          log(`SIGKILL worker ${i} (${executing} requests executing)`);
          const restart = sleep(500).then(() => startWorker(i));
          restarting.add(restart);
          void restart.finally(() => restarting.delete(restart));
        } else if (kind === "redis_restart") {
          log("restarting Redis (empty)");
          await redis.restart(1_000);
          faults.redis_restart += 1;
        } else if (kind === "postgres_outage") {
          log("cutting Postgres off for 3 s");
          proxy.block(3_000);
          faults.postgres_outage += 1;
          await sleep(3_000);
        }
        step += 1;
        nextAt = Date.now() + 2_000 + Math.floor(random() * 3_000);
      }
    })();

    // The filings of one order go together (a split order's three at the same moment); eight orders at a time.
    const byOrder = new Map<string, Filing[]>();
    for (const filing of filings) byOrder.set(filing.order.orderId, [...(byOrder.get(filing.order.orderId) ?? []), filing]);
    const inFlight = new Set<Promise<void>>();
    for (const group of byOrder.values()) {
      const p = Promise.all(group.map(fileOne)).then(() => undefined).finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (inFlight.size >= 8) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    log(`filed ${ids.size} requests in ${((Date.now() - filedAt) / 1000).toFixed(1)} s, ${refused.size} refused as more than their order had left`);

    // 3. The approver clicks Approve on each approval message, at a person's pace, until the run is
    //    over (through the drain too); a click that did not take (the bot was down) is made again.
    const clickedAt = new Map<number, number>();
    const allIds = [...ids.values()];
    let approverOn = true;
    const approver = (async () => {
      while (approverOn) {
        const waiting = await db.refundRequest.findMany({ where: { id: { in: allIds }, state: "awaiting_approval" }, select: { id: true } }).catch(() => []);
        let clicks = 0;
        for (const row of waiting) {
          if (clicks >= Math.max(2, Math.ceil(options.requests / 40))) break;
          if (Date.now() - (clickedAt.get(row.id) ?? 0) < 8_000) continue;
          const message = approvalMessages.get(row.id)?.filter((c) => c.response?.ts).at(-1);
          const form = message && messageButtonClick(message, "approve_request", { userId: APPROVER, channel: APPROVALS_CHANNEL, responseUrl: slack.responseUrl(`approve-${row.id}-${randomUUID()}`) });
          if (!form) continue;
          clickedAt.set(row.id, Date.now());
          clicks += 1;
          await postToSlackEvents(baseUrl, form, { secret: SIGNING_SECRET }).catch(() => undefined);
        }
        await sleep(400);
      }
    })();

    // 4. The chaos goes on while requests run: until all are final, or for a while (at least one
    //    round of each fault either way).
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
    chaosOn = false;
    await chaos;
    const chaosEnded = Date.now();
    faults.provider_timeout = linePay.calls.filter((c) => c.fault === "timeout" || c.fault === "refund_then_timeout").length;
    faults.provider_5xx = linePay.calls.filter((c) => c.fault === "http500" || c.fault === "http").length;
    faults.provider_already_refunded = linePay.calls.filter((c) => c.returnCode === "1165").length;
    faults.slack_429 = slack.faultsPlayed["429"] ?? 0;
    faults.slack_5xx = slack.faultsPlayed["5xx"] ?? 0;
    log(`chaos over after ${((chaosEnded - started) / 1000).toFixed(1)} s: ${JSON.stringify(faults)}; waiting for quiet`);
    await Promise.all([...restarting]);

    // 4. Quiet: every request final, Slack caught up, no job waiting or running.
    const queuesUrl = redis.url;
    const prefix = env.QUEUE_PREFIX!;
    const expected = { filings, ids, refused };
    let figures = await checkRun({ db, linePay, orders, expected, redisUrl: queuesUrl, prefix });
    const drainDeadline = Date.now() + (options.drainTimeoutMs ?? 180_000);
    while (!figures.quiet && Date.now() < drainDeadline) {
      await sleep(1_000);
      figures = await checkRun({ db, linePay, orders, expected, redisUrl: queuesUrl, prefix });
    }
    const drainSeconds = (Date.now() - chaosEnded) / 1000;
    approverOn = false;
    await approver;
    // Checked once more after quiet, so a late duplicate refund would still be seen.
    await sleep(3_000);
    figures = await checkRun({ db, linePay, orders, expected, redisUrl: queuesUrl, prefix });
    faults.provider_timeout = linePay.calls.filter((c) => c.fault === "timeout" || c.fault === "refund_then_timeout").length;
    faults.provider_5xx = linePay.calls.filter((c) => c.fault === "http500" || c.fault === "http").length;
    faults.provider_already_refunded = linePay.calls.filter((c) => c.returnCode === "1165").length;
    faults.slack_429 = slack.faultsPlayed["429"] ?? 0;
    faults.slack_5xx = slack.faultsPlayed["5xx"] ?? 0;
    const ok =
      figures.lost === 0 && figures.notCompleted === 0 && figures.duplicated === 0 && figures.missingRefunds === 0 && figures.refundedTotalsWrong === 0 &&
      figures.splitsWrong === 0 && figures.stuckJobs === 0 && figures.auditProblems === 0 && figures.slackBehind === 0;
    if (!ok) {
      for (const p of [web, ...workers]) if (p) log(`--- last lines of a process ---\n${p.output.slice(-40).join("\n")}`);
    }
    return { requests: options.requests, submissions: filings.length, refusedFilings: refused.size, seed: options.seed, faults, drainSeconds, totalSeconds: (Date.now() - started) / 1000, ok, ...figures };
  } finally {
    process.off("exit", killEverything);
    await Promise.all([...restarting]).catch(() => undefined);
    await Promise.all([web, ...workers].map((p) => p?.stop("SIGKILL").catch(() => undefined)));
    await Promise.all([redis.stop(), proxy.stop(), slack.stop(), linePay.stop()]);
    await db.$disconnect();
    if (options.logDir) {
      mkdirSync(options.logDir, { recursive: true });
      for (const { name, process } of finished) writeFileSync(join(options.logDir, `${name}.log`), `${process.output.join("\n")}\n`);
    }
  }
}
