import type { Express } from "express";
import { healthRoutes } from "../http/health-routes";
import { createHttpApp, type Mount } from "../http/http-app";
import { metricsRoutes, type ScrapeReading } from "../http/metrics-routes";
import { queueDashboard } from "../http/queue-dashboard";
import type { Route } from "../http/routes";
import { intakeRoutes } from "../intake/intake-routes";
import type { SlackApp } from "../slack/create-slack-app";
import { webReadings } from "./scrape-readings";
import type { Services } from "./services";

/** Where /metrics is served: on METRICS_PORT, on the web's port behind METRICS_TOKEN, or nowhere. */
export type MetricsPlace = "METRICS_PORT" | "bearer token" | "off";

export function metricsPlace(config: Services["config"]): MetricsPlace {
  if (config.metricsPort !== undefined) return "METRICS_PORT";
  return config.metricsToken !== undefined ? "bearer token" : "off";
}

const metricsOptions = (config: Services["config"]) => (config.metricsToken ? { token: config.metricsToken } : {});

const onHandlerError = (services: Services) => (err: unknown) => services.log.error({ err }, "HTTP handler failed");

/**
 * The web's HTTP app: what the composition adds (the local workspace's routes), health, the intake
 * webhook, /metrics behind its token when there is no METRICS_PORT, the queue dashboard, and Slack's
 * endpoint in HTTP mode. /metrics is never open on the port Slack reaches.
 */
export function webHttpApp(services: Services, slack: SlackApp, extra: { routes?: Route[]; mounts?: Mount[] } = {}): Express {
  const { config, metrics, log } = services;
  const routes = [
    ...(extra.routes ?? []),
    ...healthRoutes(services),
    ...intakeRoutes(services),
    ...(metricsPlace(config) === "bearer token" ? metricsRoutes(metrics, webReadings(services), log, metricsOptions(config)) : []),
  ];
  const mounts = [...(extra.mounts ?? []), ...queueDashboard(services.queues, config.admin, log)];
  return createHttpApp({ routes, mounts, ...(slack.router ? { slack: slack.router } : {}) }, metrics, onHandlerError(services));
}

/** What METRICS_PORT serves: health and /metrics (behind METRICS_TOKEN when it is set). */
export function metricsHttpApp(services: Services, readings: ScrapeReading[]): Express {
  const routes = [...healthRoutes(services), ...metricsRoutes(services.metrics, readings, services.log, metricsOptions(services.config))];
  return createHttpApp({ routes }, services.metrics, onHandlerError(services));
}
