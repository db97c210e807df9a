import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { ExpressAdapter } from "@bull-board/express";
import { Router, type RequestHandler } from "express";
import type { IncomingMessage } from "node:http";
import type { Logger } from "../observability/logger";
import type { JobQueues } from "../queue/job-queues";
import { hasCredentials, type Credentials } from "./basic-auth";
import type { Mount } from "./http-app";
import { sendJson } from "./routes";

export const DASHBOARD_PATH = "/admin/queues";

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

/** Basic auth for every request, and changes only from the dashboard's own page, each audited. */
function operatorsOnly(credentials: Credentials, log: Logger): RequestHandler {
  const audit = log.child({ module: "queue-dashboard" });
  return (req, res, next) => {
    const path = req.originalUrl.split("?")[0];
    if (!hasCredentials(req.headers.authorization, credentials)) {
      if (req.headers.authorization) audit.warn({ method: req.method, path }, "queue dashboard: wrong credentials");
      res.writeHead(401, { "www-authenticate": 'Basic realm="Refund Desk queues", charset="UTF-8"', "content-type": "text/plain; charset=utf-8" });
      res.end("Authentication required.\n");
      return;
    }
    if (req.method !== "GET") {
      // A browser sends basic-auth credentials along with any site's request: a change must come from the dashboard's own page.
      if (!isSameOrigin(req)) {
        audit.warn({ method: req.method, path }, "queue dashboard: change from another site refused");
        return sendJson(res, 403, { error: "cross_origin" });
      }
      // What an operator changes (retry, clean, remove) is worth a line; reading is not.
      audit.info({ method: req.method, path }, "queue dashboard: change requested");
    }
    next();
  };
}

/**
 * The BullMQ dashboard (bull-board) at /admin/queues: every queue, its jobs, their data and
 * errors, with retry and clean. Behind HTTP basic auth with ADMIN_USER / ADMIN_PASSWORD; without
 * them it is not mounted (404), so a forgotten setting never exposes it.
 */
export function queueDashboard(queues: JobQueues, credentials: Credentials | undefined, log: Logger): Mount[] {
  if (!credentials) return [];
  const adapter = new ExpressAdapter().setBasePath(DASHBOARD_PATH);
  createBullBoard({ queues: Object.values(queues.queues).map((queue) => new BullMQAdapter(queue)), serverAdapter: adapter });
  const router = Router();
  router.use(operatorsOnly(credentials, log), adapter.getRouter() as Router);
  return [{ path: DASHBOARD_PATH, handler: router }];
}
