import { Queue } from "bullmq";
import { Redis } from "ioredis";
import type { Db } from "../../src/db/client";
import type { Order } from "../../src/domain/order";
import type { FakeLinePay } from "../fakes/fake-line-pay";
import { inSmallestUnit, type Filing } from "./chaos-orders";

export interface Figures {
  /** Requests by state at the end. */
  byState: Record<string, number>;
  /** Filings the bot accepted without a request to show for them, requests nobody filed, or requests not in a final state. */
  lost: number;
  /** Final, but not completed (failed, manual, refused…): every request here should complete. */
  notCompleted: number;
  /** Refunds LINE Pay made that no completed request recorded as its own (a payment refunded twice). */
  duplicated: number;
  /** Completed requests whose refund LINE Pay did not make (or not for its amount), or whose ledger names another refund. */
  missingRefunds: number;
  /** Orders whose refunded total in the store differs from what LINE Pay refunded on their payment. */
  refundedTotalsWrong: number;
  /** Orders refunded in several requests at once whose requests did not add up to what fits: any two filed, the third refused. */
  splitsWrong: number;
  /** Refund calls LINE Pay received (retries after faults included) and refunds it made. */
  refundCalls: number;
  refundsMade: number;
  /** Jobs waiting, running, or delayed past their time with nothing to take them. */
  stuckJobs: number;
  /** Jobs that failed for good (informational: their work is rebuilt by the sweepers). */
  failedJobs: Record<string, number>;
  /** Requests whose audit trail is incomplete or out of order. */
  auditProblems: number;
  /** Requests whose Slack messages do not show their last version. */
  slackBehind: number;
  /** A few examples of each problem, for the report. */
  examples: string[];
  /** Every request final, Slack caught up, no job waiting or running: the run has drained. */
  quiet: boolean;
}

const FINAL = new Set(["completed", "rejected", "denied", "expired", "failed", "manual_pending"]);

interface TrailEvent {
  id: bigint;
  at: Date;
  action: string;
  fromState: string | null;
  toState: string | null;
  actorType: string;
  detail: unknown;
}

/**
 * What a request's trail must look like: filed first (→ submitted), decided once, approved once
 * (by the policy at the decision, or by an approver's click), every move starting from the state
 * the previous one left, times never going back, one `effect_done` per effect of the ledger, and
 * `completed` last. Returns the problems found.
 */
export function auditProblemsOf(trail: readonly TrailEvent[], effects: readonly { kind: string }[], state: string): string[] {
  const problems: string[] = [];
  const actions = trail.map((e) => e.action);
  if (actions[0] !== "filed") problems.push(`starts with ${actions[0]}`);
  const count = (a: string) => actions.filter((x) => x === a).length;
  if (count("filed") !== 1) problems.push(`filed ×${count("filed")}`);
  if (count("decided") !== 1) problems.push(`decided ×${count("decided")}`);
  const decided = trail.find((e) => e.action === "decided");
  const approvedAtDecision = decided?.toState === "approved";
  if (!approvedAtDecision && count("approved") !== 1) problems.push(`approved ×${count("approved")} (not approved by the policy)`);
  if (approvedAtDecision && count("approved") !== 0) problems.push(`approved by the policy and again ×${count("approved")}`);
  if (count("execution_started") < 1 && state === "completed") problems.push("completed without execution_started");
  let current: string | null = null;
  let lastAt = 0;
  for (const event of trail) {
    if (event.at.getTime() < lastAt) problems.push(`${event.action} (#${event.id}) is dated before the event it follows`);
    lastAt = Math.max(lastAt, event.at.getTime());
    if (event.toState === null) continue;
    if (event.action === "filed") {
      if (event.toState !== "submitted") problems.push(`filed into ${event.toState}`);
    } else if (event.fromState !== current) problems.push(`${event.action} from ${event.fromState}, but the request was ${current}`);
    current = event.toState;
  }
  if (current !== state) problems.push(`the trail ends in ${current}, the request is ${state}`);
  if (state === "completed") {
    if (actions.at(-1) !== "completed") problems.push(`ends with ${actions.at(-1)}, not completed`);
    for (const effect of effects) {
      const done = trail.filter((e) => e.action === "effect_done" && (e.detail as { effect?: string } | null)?.effect === effect.kind).length;
      if (done !== 1) problems.push(`effect_done ×${done} for ${effect.kind}`);
    }
  }
  return problems;
}

/** What the run filed: each filing by key, the requests the bot accepted for them, and those it refused. */
export interface Expected {
  filings: readonly Filing[];
  ids: ReadonlyMap<string, number>;
  refused: ReadonlySet<string>;
}

type Counter = "lost" | "notCompleted" | "duplicated" | "missingRefunds" | "refundedTotalsWrong" | "splitsWrong" | "auditProblems" | "slackBehind";

/** The counts as the checks go, with the first examples of what went wrong. */
class Tally {
  readonly counts: Record<Counter, number> = { lost: 0, notCompleted: 0, duplicated: 0, missingRefunds: 0, refundedTotalsWrong: 0, splitsWrong: 0, auditProblems: 0, slackBehind: 0 };
  readonly byState: Record<string, number> = {};
  readonly examples: string[] = [];
  refundCalls = 0;
  refundsMade = 0;
  add(counter: Counter, example: string): void {
    this.counts[counter] += 1;
    if (this.examples.length < 20) this.examples.push(example);
  }
}

type RequestRow = { id: number; orderId: string; state: string; version: number; threadVersion: number; approvalVersion: number; approvalTs: string | null; threadTs: string | null };
type EffectRow = { requestId: number; kind: string; status: string; reference: string | null; params: unknown };
type Refund = ReturnType<FakeLinePay["refundsOf"]>[number];

/** What the run left in Postgres, grouped by order and request. */
async function readStored(db: Db, orders: readonly Order[]) {
  const orderIds = orders.map((o) => o.orderId);
  const rows: RequestRow[] = await db.refundRequest.findMany({
    where: { orderId: { in: orderIds } },
    select: { id: true, orderId: true, state: true, version: true, threadVersion: true, approvalVersion: true, approvalTs: true, threadTs: true },
  });
  const refunded = new Map((await db.order.findMany({ where: { orderId: { in: orderIds } }, select: { orderId: true, refunded: true } })).map((o) => [o.orderId, Number(o.refunded)]));
  const effects: EffectRow[] = await db.effect.findMany({ where: { requestId: { in: rows.map((r) => r.id) } }, select: { requestId: true, kind: true, status: true, reference: true, params: true } });
  const trails = await db.auditEvent.findMany({ where: { requestId: { in: rows.map((r) => r.id) } }, orderBy: { id: "asc" } });
  return { requestsOf: groupBy(rows, (r) => r.orderId), refunded, effectsOf: groupBy(effects, (e) => e.requestId), trailOf: groupBy(trails, (e) => e.requestId) as Map<number, TrailEvent[]> };
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/** Reads the run's outcome from Postgres, the fake LINE Pay and Redis. */
export async function checkRun(input: { db: Db; linePay: FakeLinePay; orders: readonly Order[]; expected: Expected; redisUrl: string; prefix: string }): Promise<Figures> {
  const { linePay, orders, expected } = input;
  const stored = await readStored(input.db, orders);
  const filingsOf = groupBy(expected.filings, (f) => f.order.orderId);
  const tally = new Tally();
  for (const order of orders) {
    const tx = order.transactionId!;
    const refunds = linePay.refundsOf(tx);
    tally.refundCalls += linePay.refundCalls(tx);
    tally.refundsMade += refunds.length;
    const found = stored.requestsOf.get(order.orderId) ?? [];
    checkFilings(order, filingsOf.get(order.orderId) ?? [], found, expected, tally);
    // Every refund LINE Pay made belongs to exactly one completed request, for its amount.
    const recorded = new Map<string, number>();
    for (const row of found) checkRequest(row, { order, refunds, recorded, effects: stored.effectsOf.get(row.id) ?? [], trail: stored.trailOf.get(row.id) ?? [] }, tally);
    if (refunds.some((r) => !recorded.has(r.refundTransactionId))) tally.add("duplicated", `duplicated: ${order.orderId} refunded ${refunds.length} times at LINE Pay, ${recorded.size} recorded by completed requests`);
    // The store's refunded total follows the money: what LINE Pay refunded on the payment, in the order's smallest unit.
    const atLinePay = refunds.reduce((sum, r) => sum + inSmallestUnit(order, r.amount), 0);
    if (stored.refunded.get(order.orderId) !== atLinePay) tally.add("refundedTotalsWrong", `refunded total: ${order.orderId} (${order.currency}) shows ${stored.refunded.get(order.orderId)}, LINE Pay refunded ${atLinePay}`);
  }
  const { stuckJobs, failedJobs } = await readQueues(input.redisUrl, input.prefix, tally.examples);
  const { lost, slackBehind } = tally.counts;
  const quiet = lost === 0 && slackBehind === 0 && stuckJobs === 0;
  return { byState: tally.byState, ...tally.counts, refundCalls: tally.refundCalls, refundsMade: tally.refundsMade, stuckJobs, failedJobs, examples: tally.examples, quiet };
}

/** Each filing the bot accepted has its one request, nothing else was filed, and a split order took what fits. */
function checkFilings(order: Order, filings: readonly Filing[], found: readonly RequestRow[], expected: Expected, tally: Tally): void {
  const accepted = filings.filter((f) => expected.ids.has(f.key));
  const refused = filings.filter((f) => expected.refused.has(f.key)).length;
  if (filings.length > 1 && (accepted.length !== 2 || refused !== 1)) tally.add("splitsWrong", `split ${order.orderId}: ${accepted.length} of ${filings.length} filed, ${refused} refused`);
  const unknown = found.filter((row) => !accepted.some((f) => expected.ids.get(f.key) === row.id));
  if (accepted.length !== filings.length - refused || found.length !== accepted.length || unknown.length > 0) {
    tally.add("lost", `${order.orderId}: ${filings.length} filings, ${accepted.length} accepted, ${found.length} requests`);
  }
}

interface RequestContext {
  order: Order;
  refunds: readonly Refund[];
  /** LINE Pay's refunds claimed so far by completed requests of the order. */
  recorded: Map<string, number>;
  effects: readonly EffectRow[];
  trail: readonly TrailEvent[];
}

/** One request: final and completed, its refund made at LINE Pay for its amount, its trail whole, its Slack messages up to date. */
function checkRequest(row: RequestRow, { order, refunds, recorded, effects, trail }: RequestContext, tally: Tally): void {
  tally.byState[row.state] = (tally.byState[row.state] ?? 0) + 1;
  if (!FINAL.has(row.state)) tally.add("lost", `lost: RD-${row.id} still ${row.state}`);
  else if (row.state !== "completed") tally.add("notCompleted", `not completed: RD-${row.id} ${row.state}`);
  if (row.state === "completed") {
    const refundEffect = effects.find((e) => e.kind === "refund");
    const made = refunds.find((r) => r.refundTransactionId === refundEffect?.reference);
    const asked = (refundEffect?.params as { amount?: number } | null)?.amount;
    if (!made || inSmallestUnit(order, made.amount) !== asked) {
      tally.add("missingRefunds", `missing refund: RD-${row.id} completed, its ledger names ${refundEffect?.reference} for ${asked}, LINE Pay made ${refunds.map((r) => `${r.refundTransactionId}:${r.amount}`).join(", ") || "none"}`);
    } else recorded.set(made.refundTransactionId, row.id);
  }
  const problems = auditProblemsOf(trail, effects, row.state);
  if (problems.length > 0) tally.add("auditProblems", `audit RD-${row.id}: ${problems.join("; ")}`);
  const ownMessageBehind = row.version > row.threadVersion;
  // What the app can know: an approval message it posted and remembered. (One posted but not
  // remembered, the worker killed in between, cannot be updated: Slack has no idempotency key.)
  const approvalBehind = (row.state === "awaiting_approval" && row.approvalTs === null) || (row.approvalTs !== null && row.version > row.approvalVersion);
  if (ownMessageBehind || approvalBehind) {
    tally.add("slackBehind", `Slack behind: RD-${row.id} ${row.state} v${row.version}, message v${row.threadVersion}, approval message ${row.approvalTs ? `v${row.approvalVersion}` : "none"}`);
  }
}

async function readQueues(redisUrl: string, prefix: string, examples: string[]): Promise<{ stuckJobs: number; failedJobs: Record<string, number> }> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  let stuckJobs = 0;
  const failedJobs: Record<string, number> = {};
  try {
    await connection.connect();
    for (const name of ["requests", "slack", "execution"]) {
      const queue = new Queue(name, { connection, prefix });
      for (const state of ["active", "waiting", "prioritized", "waiting-children", "delayed"] as const) {
        for (const job of await queue.getJobs([state], 0, 20_000)) {
          if (!job) continue;
          // Schedulers' next runs and approval timers are meant to wait; one overdue by 15 s is not waiting, it is stuck.
          if (state === "delayed" && job.timestamp + (job.delay ?? job.opts.delay ?? 0) > Date.now() - 15_000) continue;
          // A sweeper's round (a scheduler's run) comes every few seconds and may be running or due at any moment: only one 15 s late or longer is stuck.
          const runnableSince = job.processedOn ?? job.timestamp + (job.delay ?? job.opts.delay ?? 0);
          if (job.id?.startsWith("repeat:") && runnableSince > Date.now() - 15_000) continue;
          stuckJobs += 1;
          if (examples.length < 20) examples.push(`stuck job ${name}/${job.name} ${job.id} (${state})`);
        }
      }
      for (const job of await queue.getJobs(["failed"], 0, 10_000)) if (job) failedJobs[job.name] = (failedJobs[job.name] ?? 0) + 1;
      await queue.close();
    }
  } finally {
    connection.disconnect();
  }
  return { stuckJobs, failedJobs };
}
