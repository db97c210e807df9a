import type { RequestListener } from "node:http";
import { loadConfigOrExit } from "../config/load-config";
import { countRequests } from "../http/count-requests";
import { healthRoutes } from "../http/health-routes";
import { approvalBacklogReading, metricsRoutes, queueDepthReading, type ScrapeReading } from "../http/metrics-routes";
import { queueDashboardRoutes } from "../http/queue-dashboard-routes";
import { routeRequests, type Route } from "../http/routes";
import { startHttpServer, type RunningServer } from "../http/start-http-server";
import { intakeRoutes } from "../intake/intake-routes";
import { startWorkers } from "../queue/start-workers";
import { createSlackApp } from "../slack/create-slack-app";
import { createServices } from "./services";

export interface ProcessRoles {
  web: boolean;
  worker: boolean;
}

/** What a composition adds to the web: a server already listening, more routes, and what to stop with it. */
export interface ProcessAdditions {
  /** Serves the web's listener instead of a server started here on PORT. */
  http?: { serve(listener: RequestListener): RunningServer };
  routes?: Route[];
  /** Runs after the workers and servers have stopped, before the connections close. */
  onStop?: () => Promise<void>;
}

/** Kept back from SHUTDOWN_TIMEOUT_MS to close Postgres and Redis after the work has stopped. */
function closeReserveMs(timeoutMs: number): number {
  return Math.min(2_000, Math.floor(timeoutMs / 4));
}

/**
 * Starts a web process (Slack, intake, health, the queue dashboard; metrics on METRICS_PORT, or
 * behind METRICS_TOKEN), a worker process (BullMQ processors; health and metrics on METRICS_PORT
 * if set), or both in one process for a
 * single machine. SIGTERM or SIGINT stops taking work, lets in-flight work finish (handing back
 * jobs that run too long), closes connections and exits 0, all within SHUTDOWN_TIMEOUT_MS.
 */
export async function runProcess(roles: ProcessRoles, additions: ProcessAdditions = {}): Promise<void> {
  const config = loadConfigOrExit();
  const role = roles.web && roles.worker ? "all" : roles.web ? "web" : "worker";
  const services = createServices(config, role);
  const { log, metrics } = services;
  const servers: { close(options?: { forceAfterMs?: number }): Promise<void> }[] = [];
  const stops: (() => Promise<void>)[] = [];
  const onHandlerError = (err: unknown) => log.error({ err }, "HTTP handler failed");
  // Signals are taken from the first moment: one that comes while the process starts (its web up,
  // its workers still connecting) is acted on once it has started. Left to the default action, it
  // killed the process half-started, without a word.
  const started: { shutdown?: (signal: string) => Promise<void> } = {};
  let signalWhileStarting: string | undefined;
  const onSignal = (signal: string) => {
    if (started.shutdown) return void started.shutdown(signal);
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

  // /metrics is never open on the port Slack reaches: on METRICS_PORT, or behind METRICS_TOKEN, or off.
  const metricsOptions = config.metricsToken ? { token: config.metricsToken } : {};
  const serveMetrics = async (readings: ScrapeReading[], message: string) => {
    const routes = [...healthRoutes(services), ...metricsRoutes(metrics, readings, log, metricsOptions)];
    const http = await startHttpServer(countRequests(routeRequests(routes, undefined, onHandlerError), routes, metrics), config.metricsPort!);
    servers.push(http);
    log.info({ port: http.port, token: Boolean(config.metricsToken) }, message);
  };
  if (roles.web) {
    const slack = createSlackApp(services);
    // Queue depths and the approval backlog are the same seen from anywhere: the web process reads them.
    const readings = [queueDepthReading(metrics, services.queues), approvalBacklogReading(metrics, services.db, services.now)];
    const metricsOnPort = config.metricsPort === undefined && config.metricsToken !== undefined;
    const routes = [
      ...(additions.routes ?? []),
      ...healthRoutes(services),
      ...intakeRoutes(services),
      ...(metricsOnPort ? metricsRoutes(metrics, readings, log, metricsOptions) : []),
      ...queueDashboardRoutes(services.queues, config.admin, log),
    ];
    const listener = countRequests(routeRequests(routes, slack.requestListener, onHandlerError), routes, metrics);
    const http = additions.http ? additions.http.serve(listener) : await startHttpServer(listener, config.port);
    await slack.start();
    servers.push(http);
    stops.push(slack.stop);
    log.info({ port: http.port, socketMode: !slack.requestListener, queueDashboard: Boolean(config.admin), metrics: metricsOnPort ? "bearer token" : config.metricsPort !== undefined ? "METRICS_PORT" : "off" }, "web: listening for Slack on /slack/events");
    if (config.metricsPort !== undefined) await serveMetrics(readings, "web: serving /metrics and health on METRICS_PORT");
  }
  let workers: Awaited<ReturnType<typeof startWorkers>> | undefined;
  if (roles.worker) {
    workers = await startWorkers(services);
    log.info({ concurrency: config.workerConcurrency, providers: services.providers.describe() }, "worker: processing jobs");
    if (!roles.web && config.metricsPort !== undefined) await serveMetrics([], "worker: serving /metrics and health");
  }

  if (additions.onStop) stops.push(additions.onStop);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const timeoutMs = config.shutdownTimeoutMs;
    log.info({ signal }, "shutting down");
    setTimeout(() => {
      log.error({ timeoutMs }, "shutdown took too long: exiting");
      process.exit(1);
    }, timeoutMs).unref();
    const workBudgetMs = timeoutMs - closeReserveMs(timeoutMs);
    // New connections and new jobs stop at once; what is in flight gets the budget to finish.
    const [, closedWorkers] = await Promise.all([
      Promise.all(servers.map((server) => server.close({ forceAfterMs: workBudgetMs }))),
      workers?.close({ handBackAfterMs: workBudgetMs }),
    ]);
    for (const stop of stops) await stop().catch((err) => log.error({ err }, "error while stopping"));
    await services.close().catch((err) => log.error({ err }, "error while closing connections"));
    log.info({ handedBack: closedWorkers?.handedBack ?? 0 }, "stopped");
    process.exit(0);
  };
  started.shutdown = shutdown;
  if (signalWhileStarting) void shutdown(signalWhileStarting);
}
