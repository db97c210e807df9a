import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { ExpressAdapter } from "@bull-board/express";
import express from "express";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../observability/logger";
import type { JobQueues } from "../queue/job-queues";
import { hasCredentials, type Credentials } from "./basic-auth";
import { sendJson, type Route } from "./routes";

export const DASHBOARD_PATH = "/admin/queues";

const METHODS = ["GET", "POST", "PUT", "DELETE"] as const;

/** No Origin (curl, a script) or the dashboard's own host; anything else is another site's page. */
function isSameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/**
 * The BullMQ dashboard (bull-board) at /admin/queues: every queue, its jobs, their data and
 * errors, with retry and clean. Behind HTTP basic auth with ADMIN_USER / ADMIN_PASSWORD; without
 * them it does not exist (404), so a forgotten setting never exposes it.
 */
export function queueDashboardRoutes(queues: JobQueues, credentials: Credentials | undefined, log: Logger): Route[] {
  if (!credentials) {
    const off = (_req: IncomingMessage, res: ServerResponse) => sendJson(res, 404, { error: "not_found" });
    return METHODS.map((method) => ({ method, path: `${DASHBOARD_PATH}/*`, handler: off }));
  }
  const adapter = new ExpressAdapter().setBasePath(DASHBOARD_PATH);
  createBullBoard({ queues: Object.values(queues.queues).map((queue) => new BullMQAdapter(queue)), serverAdapter: adapter });
  const app = express();
  app.disable("x-powered-by");
  app.use(DASHBOARD_PATH, adapter.getRouter() as express.Router);
  const audit = log.child({ module: "queue-dashboard" });

  const handler = (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!hasCredentials(req.headers.authorization, credentials)) {
      if (req.headers.authorization) audit.warn({ method: req.method, path: (req.url ?? "").split("?")[0] }, "queue dashboard: wrong credentials");
      res.writeHead(401, { "www-authenticate": 'Basic realm="Refund Desk queues", charset="UTF-8"', "content-type": "text/plain; charset=utf-8" });
      res.end("Authentication required.\n");
      return Promise.resolve();
    }
    if (req.method !== "GET") {
      // A browser sends basic-auth credentials along with any site's request: a change must come from the dashboard's own page.
      if (!isSameOrigin(req)) {
        audit.warn({ method: req.method, path: (req.url ?? "").split("?")[0] }, "queue dashboard: change from another site refused");
        sendJson(res, 403, { error: "cross_origin" });
        return Promise.resolve();
      }
      // What an operator changes (retry, clean, remove) is worth a line; reading is not.
      audit.info({ method: req.method, path: (req.url ?? "").split("?")[0] }, "queue dashboard: change requested");
    }
    return new Promise((resolve, reject) => {
      res.once("finish", () => resolve());
      res.once("close", () => resolve());
      app(req as express.Request, res as express.Response, (error?: unknown) => {
        if (error) return reject(error instanceof Error ? error : new Error(String(error)));
        if (!res.headersSent) sendJson(res, 404, { error: "not_found" });
        resolve();
      });
    });
  };
  return METHODS.map((method) => ({ method, path: `${DASHBOARD_PATH}/*`, handler }));
}
