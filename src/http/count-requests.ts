import type { RequestHandler } from "express";
import type { Metrics } from "../observability/metrics";

/** The route label of a path: one of ours (prefix routes by their prefix), Slack's endpoint, or `other`. */
export function routeLabel(routes: readonly { path: string }[], path: string): string {
  for (const route of routes) {
    if (route.path.endsWith("/*")) {
      const prefix = route.path.slice(0, -2);
      if (path === prefix || path.startsWith(`${prefix}/`)) return prefix;
    } else if (path === route.path) return route.path;
  }
  // Anything else is a stray request: one label, so a scanner cannot mint series.
  return path === "/slack/events" ? path : "other";
}

/** Counts every answered HTTP request by route and status class (2xx … 5xx), and times it by route. */
export function countRequests(routes: readonly { path: string }[], metrics: Pick<Metrics, "httpRequests" | "httpRequestSeconds">): RequestHandler {
  return (req, res, next) => {
    const route = routeLabel(routes, (req.url ?? "/").split("?")[0] ?? "/");
    const started = performance.now();
    res.once("finish", () => {
      metrics.httpRequests.inc({ route, status: `${Math.floor(res.statusCode / 100)}xx` });
      metrics.httpRequestSeconds.observe({ route }, (performance.now() - started) / 1000);
    });
    next();
  };
}
