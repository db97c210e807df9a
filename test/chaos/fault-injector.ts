import type { Db } from "../../src/db/client";
import type { LocalWorkspace } from "../../src/local-workspace/local-workspace";
import type { FakeLinePay } from "../fakes/fake-line-pay";
import type { ChaosApp } from "./chaos-app";
import type { FaultKind } from "./fault-kinds";
import type { OwnRedis } from "./own-redis";
import type { TcpProxy } from "./tcp-proxy";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the chaos breaks, and where it counts and tells what it did. */
export interface ChaosTargets {
  random: () => number;
  app: ChaosApp;
  workerCount: number;
  redis: OwnRedis;
  proxy: TcpProxy;
  linePay: FakeLinePay;
  slack: LocalWorkspace;
  db: Db;
  faults: Record<FaultKind, number>;
  log: (line: string) => void;
}

/**
 * The chaos, in the background until stopped: LINE Pay and Slack faults armed at random, one at a
 * time in each fake, and every 2 to 5 s the next of a worker SIGKILL, a Redis restart (empty), a
 * Postgres outage, and another SIGKILL. The seeded `random` makes the schedule repeatable.
 */
export class FaultInjector {
  private on = false;
  private loop: Promise<void> = Promise.resolve();
  private killsDue = 0;

  constructor(private readonly targets: ChaosTargets) {}

  /** Provider and Slack faults armed from the start; more are armed while the run goes on. */
  armFirstFaults(): void {
    const { linePay, slack } = this.targets;
    linePay.failNext(1, { kind: "timeout" });
    linePay.failNext(1, { kind: "http500" });
    slack.failNext("chat.postMessage", { status: 429, retryAfterSeconds: 1 });
    slack.failNext("chat.postMessage", { status: 503 });
  }

  /** Starts the chaos; `ids` are the requests filed so far (and those still to come). */
  start(ids: Map<string, number>): void {
    this.on = true;
    this.loop = this.run(ids);
  }

  async stop(): Promise<void> {
    this.on = false;
    await this.loop;
  }

  private async run(ids: Map<string, number>): Promise<void> {
    const { random, linePay, slack } = this.targets;
    const schedule: FaultKind[] = ["worker_sigkill", "redis_restart", "postgres_outage", "worker_sigkill"];
    let step = 0;
    let nextAt = Date.now() + 2_500;
    while (this.on) {
      await sleep(250);
      // One fault at a time in each fake: a backlog would all fall on the last few requests.
      if (linePay.pendingFaults === 0 && random() < 0.2) this.armProviderFault();
      if (slack.pendingFaults === 0 && random() < 0.2) this.armSlackFault();
      if (Date.now() < nextAt) continue;
      const kind = schedule[step % schedule.length]!;
      if (!(await this.inject(kind, ids))) continue;
      step += 1;
      nextAt = Date.now() + 2_000 + Math.floor(random() * 3_000);
    }
  }

  private armProviderFault(): void {
    const r = this.targets.random();
    this.targets.linePay.failNext(1, r < 0.3 ? { kind: "timeout" } : r < 0.65 ? { kind: "http500" } : { kind: "http", status: 503 });
  }

  private armSlackFault(): void {
    const { random, slack } = this.targets;
    const method = random() < 0.5 ? "chat.postMessage" : "chat.update";
    if (random() < 0.5) slack.failNext(method, { status: 429, retryAfterSeconds: 1 });
    else slack.failNext(method, { status: random() < 0.5 ? 500 : 503 });
  }

  /** Injects one scheduled fault; false when a worker kill is put off (no refund executing yet). */
  private async inject(kind: FaultKind, ids: Map<string, number>): Promise<boolean> {
    const { redis, proxy, faults, log } = this.targets;
    if (kind === "worker_sigkill") {
      return this.killWorker(ids);
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
    return true;
  }

  /** SIGKILLs a worker in the middle of executing refunds (a request is executing, and every worker is up), and starts it again. */
  private async killWorker(ids: Map<string, number>): Promise<boolean> {
    const { random, app, workerCount, db, faults, log } = this.targets;
    const executing = await db.refundRequest.count({ where: { id: { in: [...ids.values()] }, state: "executing" } }).catch(() => 0);
    if (executing === 0 || app.restarting.size > 0 || app.workers.some((w) => !w)) {
      this.killsDue += 1;
      if (this.killsDue < 40) return false;
    }
    this.killsDue = 0;
    const i = Math.floor(random() * workerCount);
    await app.killWorker(i);
    faults.worker_sigkill += 1;
    log(`SIGKILL worker ${i} (${executing} requests executing)`);
    app.restartWorker(i);
    return true;
  }
}
