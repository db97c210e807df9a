import type { IncomingMessage, ServerResponse } from "node:http";
import type { Route } from "../http/routes";
import { answerJson } from "./intake-answer";
import { receiveIntake, type IntakeServices } from "./receive-intake";

export { MAX_INTAKE_BODY_BYTES, RETRY_AFTER_SECONDS } from "./receive-intake";

export const INTAKE_PATH = "/intake/requests";

export interface IntakeRouteOptions {
  /**
   * How long filing may take before the sender is told to retry (503). Filing goes on regardless,
   * and a retry finds what it stored: a sender is never kept waiting on a stalled Postgres or Redis.
   * @defaultValue 10 000 ms
   */
  filingTimeoutMs?: number;
}

/**
 * POST /intake/requests: customer requests from other systems (a marketplace's customer service,
 * a form), signed with INTAKE_SECRET. The checks run cheapest first and nothing is stored unless
 * every one passes; docs/intake.md lists the answers.
 */
export function intakeRoutes(services: IntakeServices, { filingTimeoutMs = 10_000 }: IntakeRouteOptions = {}): Route[] {
  const log = services.log.child({ module: "intake" });
  if (services.config.intake.secrets.length === 0) {
    log.info("intake webhook off: INTAKE_SECRET is not set");
    // Off means absent: a sender gets the same answer as for any unknown path, and never a 5xx to retry.
    const off = (_req: IncomingMessage, res: ServerResponse) => answerJson(res, 404, { error: "intake_disabled" });
    return (["GET", "POST", "PUT", "DELETE"] as const).map((method) => ({ method, path: INTAKE_PATH, handler: off }));
  }
  const notAllowed = (_req: IncomingMessage, res: ServerResponse) => answerJson(res, 405, { error: "method_not_allowed" }, { allow: "POST" });
  return [
    { method: "POST", path: INTAKE_PATH, handler: (req, res) => receiveIntake(services, log, filingTimeoutMs, req, res) },
    { method: "GET", path: INTAKE_PATH, handler: notAllowed },
    { method: "PUT", path: INTAKE_PATH, handler: notAllowed },
    { method: "DELETE", path: INTAKE_PATH, handler: notAllowed },
  ];
}
