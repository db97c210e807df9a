import type { Services } from "../app/services";

/**
 * The sweepers' schedules. Upserted at start, again whenever Redis comes back (a Redis restarted
 * without persistence has forgotten them, with every queued job: the sweepers are what rebuilds
 * that work from Postgres, so they must never be lost with it), and checked every minute.
 */
export async function upsertSchedulers(services: Pick<Services, "queues" | "config">): Promise<void> {
  const { requests, execution } = services.queues.queues;
  const { everyMs, executionsEveryMs, approvalTimersEveryMs } = services.config.sweeps;
  await requests.upsertJobScheduler("sweep-stale-requests", { every: everyMs }, { name: "sweep-stale-requests", data: {} });
  await requests.upsertJobScheduler("approval-timers", { every: approvalTimersEveryMs }, { name: "approval-timers", data: {} });
  await requests.upsertJobScheduler("sweep-batches", { every: everyMs }, { name: "sweep-batches", data: {} });
  await execution.upsertJobScheduler("sweep-stalled-executions", { every: executionsEveryMs }, { name: "sweep-stalled-executions", data: {} });
}

const SCHEDULER_CHECK_EVERY_MS = 60_000;

/** True when every scheduler is still in Redis. */
async function schedulersPresent(services: Pick<Services, "queues">): Promise<boolean> {
  const { requests, execution } = services.queues.queues;
  const found = await Promise.all([
    requests.getJobScheduler("sweep-stale-requests"),
    requests.getJobScheduler("approval-timers"),
    requests.getJobScheduler("sweep-batches"),
    execution.getJobScheduler("sweep-stalled-executions"),
  ]);
  return found.every(Boolean);
}

/**
 * Upserts the schedulers, and puts them back whenever Redis may have lost them: on each
 * reconnection, and when the minute's check finds one missing. Returns what stops the watching.
 */
export async function keepSchedulers(services: Pick<Services, "queues" | "config" | "redis" | "log">): Promise<() => void> {
  await upsertSchedulers(services);
  const restoreSchedulers = (why: string) =>
    void upsertSchedulers(services).then(
      () => services.log.info({ why }, "sweep schedulers upserted"),
      (error: unknown) => services.log.warn({ err: error, why }, "could not upsert the sweep schedulers; will try again"),
    );
  // Each reconnection may be to a Redis that lost everything: put the schedulers back at once.
  let connectedOnce = false;
  const onReady = () => {
    if (connectedOnce) restoreSchedulers("redis reconnected");
    connectedOnce = true;
  };
  if (services.redis.status === "ready") connectedOnce = true;
  services.redis.on("ready", onReady);
  // A Redis emptied without a reconnection (FLUSHALL, a failover to an empty replica) is caught here.
  const check = setInterval(() => {
    schedulersPresent(services).then(
      (present) => present || restoreSchedulers("schedulers missing"),
      () => undefined,
    );
  }, SCHEDULER_CHECK_EVERY_MS);
  check.unref();
  return () => {
    clearInterval(check);
    services.redis.off("ready", onReady);
  };
}
