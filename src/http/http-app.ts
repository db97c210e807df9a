import express, { type ErrorRequestHandler, type RequestHandler } from "express";
import type { Metrics } from "../observability/metrics";
import { countRequests } from "./count-requests";
import { expressPath, sendJson, type Route } from "./routes";

/** Something mounted under a path of its own (the queue dashboard). */
export interface Mount {
  path: string;
  handler: RequestHandler;
}

export interface HttpAppParts {
  /** Our own routes, matched first. */
  routes: Route[];
  mounts?: Mount[];
  /** Slack's endpoint (Bolt's receiver), when the bot takes Slack's requests over HTTP. */
  slack?: RequestHandler;
}

const METHODS = { GET: "get", POST: "post", PUT: "put", DELETE: "delete" } as const;

/**
 * The one HTTP stack of a process: an express app that counts every request, serves our routes,
 * the mounts and Slack's endpoint, answers 404 to the rest, and 500 for a handler that throws
 * without taking the process down. Paths match exactly (case and trailing slash included).
 */
export function createHttpApp(parts: HttpAppParts, metrics: Pick<Metrics, "httpRequests" | "httpRequestSeconds">, onError: (error: unknown) => void): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("case sensitive routing", true);
  app.set("strict routing", true);
  const mounts = parts.mounts ?? [];
  app.use(countRequests([...parts.routes, ...mounts.map((m) => ({ path: `${m.path}/*` }))], metrics));
  for (const route of parts.routes) app[METHODS[route.method]](expressPath(route.path), (req, res) => route.handler(req, res));
  for (const mount of mounts) app.use(mount.path, mount.handler);
  if (parts.slack) app.use(parts.slack);
  app.use((_req, res) => sendJson(res, 404, { error: "not_found" }));
  const failed: ErrorRequestHandler = (error, _req, res, _next) => {
    onError(error);
    if (!res.headersSent) sendJson(res, 500, { error: "internal_error" });
    else res.end();
  };
  app.use(failed);
  return app;
}
