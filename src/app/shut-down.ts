import type { RunningServer } from "../http/start-http-server";
import type { RunningWorkers } from "../queue/start-workers";
import type { Services } from "./services";

/** What a started process stops at shutdown. */
export interface Running {
  servers: RunningServer[];
  stops: (() => Promise<void>)[];
  workers?: RunningWorkers;
}

/** Kept back from SHUTDOWN_TIMEOUT_MS to close Postgres and Redis after the work has stopped. */
function closeReserveMs(timeoutMs: number): number {
  return Math.min(2_000, Math.floor(timeoutMs / 4));
}

/** New connections and new jobs stop at once; what is in flight gets the budget to finish. */
export function shutdownOf(services: Services, running: Running): (signal: string) => Promise<void> {
  const { config, log } = services;
  let stopping = false;
  return async (signal) => {
    if (stopping) return;
    stopping = true;
    const timeoutMs = config.shutdownTimeoutMs;
    log.info({ signal }, "shutting down");
    setTimeout(() => {
      log.error({ timeoutMs }, "shutdown took too long: exiting");
      process.exit(1);
    }, timeoutMs).unref();
    const workBudgetMs = timeoutMs - closeReserveMs(timeoutMs);
    const [, closedWorkers] = await Promise.all([
      Promise.all(running.servers.map((server) => server.close({ forceAfterMs: workBudgetMs }))),
      running.workers?.close({ handBackAfterMs: workBudgetMs }),
    ]);
    for (const stop of running.stops) await stop().catch((err) => log.error({ err }, "error while stopping"));
    await services.close().catch((err) => log.error({ err }, "error while closing connections"));
    log.info({ handedBack: closedWorkers?.handedBack ?? 0 }, "stopped");
    process.exit(0);
  };
}
