import type { RequestListener } from "node:http";
import { loadConfigOrExit } from "../config/load-config";
import type { Mount } from "../http/http-app";
import type { Route } from "../http/routes";
import { startHttpServer, type RunningServer } from "../http/start-http-server";
import { createFailFastRedis } from "../queue/redis-connection";
import { startWorkers } from "../queue/start-workers";
import { createSlackApp } from "../slack/create-slack-app";
import { createServices, type Services } from "./services";
import { metricsHttpApp, metricsPlace, webHttpApp, webReadings } from "./web-http";

export interface ProcessRoles {
  web: boolean;
  worker: boolean;
}

/** What a composition adds to the web: a server already listening, more routes, and what to stop with it. */
export interface ProcessAdditions {
  /** Serves the web's HTTP app instead of a server started here on PORT. */
  http?: { serve(listener: RequestListener): RunningServer };
  routes?: Route[];
  mounts?: Mount[];
  /** Runs after the workers and servers have stopped, before the connections close. */
  onStop?: () => Promise<void>;
}

/** What a started process stops at shutdown. */
interface Running {
  servers: RunningServer[];
  stops: (() => Promise<void>)[];
  workers?: Awaited<ReturnType<typeof startWorkers>>;
}

/** Kept back from SHUTDOWN_TIMEOUT_MS to close Postgres and Redis after the work has stopped. */
function closeReserveMs(timeoutMs: number): number {
  return Math.min(2_000, Math.floor(timeoutMs / 4));
}

/**
 * Signals are taken from the first moment: one that comes while the process starts (its web up,
 * its workers still connecting) is acted on once it has started. Left to the default action, it
 * killed the process half-started, without a word. Returns the function that hands over the shutdown.
 */
function takeSignals(services: Pick<Services, "config" | "log">): (shutdown: (signal: string) => Promise<void>) => void {
  const { config, log } = services;
  let shutdown: ((signal: string) => Promise<void>) | undefined;
  let signalWhileStarting: string | undefined;
  const onSignal = (signal: string) => {
    if (shutdown) return void shutdown(signal);
    if (signalWhileStarting) return;
    signalWhileStarting = signal;
    log.info({ signal }, "signal received while starting: shutting down once started");
    // A start that hangs (Postgres or Redis never answering) must not make the process deaf to signals.
    setTimeout(() => {
      log.error({ timeoutMs: config.shutdownTimeoutMs }, "still starting when the shutdown time ran out: exiting");
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
  };
  process.on("SIGTERM", () => onSignal("SIGTERM"));
  process.on("SIGINT", () => onSignal("SIGINT"));
  return (started) => {
    shutdown = started;
    if (signalWhileStarting) void started(signalWhileStarting);
  };
}

async function serveMetrics(services: Services, running: Running, readings: Parameters<typeof metricsHttpApp>[1], message: string): Promise<void> {
  const http = await startHttpServer(metricsHttpApp(services, readings), services.config.metricsPort!);
  running.servers.push(http);
  services.log.info({ port: http.port, token: Boolean(services.config.metricsToken) }, message);
}

/** Slack, intake, health, the queue dashboard (and metrics) on one HTTP app. */
async function startWeb(services: Services, running: Running, additions: ProcessAdditions): Promise<void> {
  const { config, log } = services;
  const slack = createSlackApp(services, createFailFastRedis(config.redisUrl, `${config.queuePrefix}-replay-guard`));
  const app = webHttpApp(services, slack, { ...(additions.routes ? { routes: additions.routes } : {}), ...(additions.mounts ? { mounts: additions.mounts } : {}) });
  const http = additions.http ? additions.http.serve(app) : await startHttpServer(app, config.port);
  await slack.start();
  running.servers.push(http);
  running.stops.push(slack.stop);
  log.info({ port: http.port, socketMode: !slack.router, queueDashboard: Boolean(config.admin), metrics: metricsPlace(config) }, "web: listening for Slack on /slack/events");
  if (config.metricsPort !== undefined) await serveMetrics(services, running, webReadings(services), "web: serving /metrics and health on METRICS_PORT");
}

/** New connections and new jobs stop at once; what is in flight gets the budget to finish. */
function shutdownOf(services: Services, running: Running): (signal: string) => Promise<void> {
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

/**
 * Starts a web process (Slack, intake, health, the queue dashboard; metrics on METRICS_PORT, or
 * behind METRICS_TOKEN), a worker process (BullMQ processors; health and metrics on METRICS_PORT
 * if set), or both in one process for a single machine. SIGTERM or SIGINT stops taking work, lets
 * in-flight work finish (handing back jobs that run too long), closes connections and exits 0, all
 * within SHUTDOWN_TIMEOUT_MS.
 */
export async function runProcess(roles: ProcessRoles, additions: ProcessAdditions = {}): Promise<void> {
  const config = loadConfigOrExit();
  const services = createServices(config, roles.web && roles.worker ? "all" : roles.web ? "web" : "worker");
  const handOver = takeSignals(services);
  const running: Running = { servers: [], stops: [] };
  if (roles.web) await startWeb(services, running, additions);
  if (roles.worker) {
    running.workers = await startWorkers(services);
    services.log.info({ concurrency: config.workerConcurrency, providers: services.providers.describe() }, "worker: processing jobs");
    if (!roles.web && config.metricsPort !== undefined) await serveMetrics(services, running, [], "worker: serving /metrics and health");
  }
  if (additions.onStop) running.stops.push(additions.onStop);
  handOver(shutdownOf(services, running));
}
