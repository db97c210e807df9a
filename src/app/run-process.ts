import { loadConfigOrExit } from "../config/load-config";
import { healthRoutes } from "../http/health-routes";
import { routeRequests } from "../http/routes";
import { startHttpServer } from "../http/start-http-server";
import { intakeRoutes } from "../intake/intake-routes";
import { startWorkers } from "../queue/start-workers";
import { createSlackApp } from "../slack/create-slack-app";
import { createServices } from "./services";

export interface ProcessRoles {
  web: boolean;
  worker: boolean;
}

/** How long a shutdown may take before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Starts a web process (Slack + health endpoints), a worker process (BullMQ processors), or both
 * in one process for a single machine. SIGTERM or SIGINT stops taking work, lets in-flight work
 * finish, closes connections and exits 0.
 */
export async function runProcess(roles: ProcessRoles): Promise<void> {
  const config = loadConfigOrExit();
  const role = roles.web && roles.worker ? "all" : roles.web ? "web" : "worker";
  const services = createServices(config, role);
  const { log } = services;
  const stops: (() => Promise<void>)[] = [];

  if (roles.web) {
    const slack = createSlackApp(services);
    const routes = [...healthRoutes(services), ...intakeRoutes(services)];
    const http = await startHttpServer(routeRequests(routes, slack.requestListener, (err) => log.error({ err }, "HTTP handler failed")), config.port);
    await slack.start();
    stops.push(http.close, slack.stop);
    log.info({ port: http.port, socketMode: !slack.requestListener }, "web: listening for Slack on /slack/events");
  }
  if (roles.worker) {
    const workers = await startWorkers(services);
    stops.push(workers.close);
    log.info({ concurrency: config.workerConcurrency, providers: services.providers.describe() }, "worker: processing jobs");
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    setTimeout(() => {
      log.error("shutdown took too long: exiting");
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    for (const stop of stops) await stop().catch((err) => log.error({ err }, "error while stopping"));
    await services.close().catch((err) => log.error({ err }, "error while closing connections"));
    log.info("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}
