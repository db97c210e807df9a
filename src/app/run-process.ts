import type { RequestListener } from "node:http";
import { loadConfigOrExit } from "../config/load-config";
import type { Mount } from "../http/http-app";
import type { Route } from "../http/routes";
import { startHttpServer, type RunningServer } from "../http/start-http-server";
import { createFailFastRedis } from "../queue/redis-connection";
import { startWorkers } from "../queue/start-workers";
import { createSlackApp } from "../slack/create-slack-app";
import { createServices, type Services } from "./services";
import { shutdownOf, type Running } from "./shut-down";
import { takeSignals } from "./take-signals";
import { webReadings } from "./scrape-readings";
import { metricsHttpApp, metricsPlace, webHttpApp } from "./web-http";

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
