import type { IncomingMessage, ServerResponse } from "node:http";
import type { Services } from "../app/services";
import { sendJson, type Route } from "../http/routes";
import { requestLabel } from "../domain/request";
import { fileIntakeRequest, type IntakeFiling } from "../use-cases/file-intake-request";
import { checkIntakeDelivery } from "./check-intake-delivery";
import { isJsonContentType } from "./json-content-type";
import { readLimitedBody } from "../http/read-limited-body";
import { isDataException, isTemporaryFailure } from "./temporary-failure";

export const INTAKE_PATH = "/intake/requests";

/** 64 KiB: a request and a customer's message fit many times over; more is not a request. */
export const MAX_INTAKE_BODY_BYTES = 64 * 1024;

/** What a sender is told to wait before retrying when we cannot store its request just now. */
export const RETRY_AFTER_SECONDS = 30;

export interface IntakeRouteOptions {
  /**
   * How long filing may take before the sender is told to retry (503). Filing goes on regardless,
   * and a retry finds what it stored: a sender is never kept waiting on a stalled Postgres or Redis.
   * @defaultValue 10 000 ms
   */
  filingTimeoutMs?: number;
}

type IntakeServices = Pick<Services, "config" | "db" | "store" | "queues" | "orders" | "log" | "now">;

class FilingTimedOut extends Error {}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new FilingTimedOut(`no answer in ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

/**
 * POST /intake/requests: customer requests from other systems (a marketplace's customer service,
 * a form), signed with INTAKE_SECRET. The checks run cheapest first and nothing is stored unless
 * every one passes; docs/intake.md lists the answers.
 */
export function intakeRoutes(services: IntakeServices, { filingTimeoutMs = 10_000 }: IntakeRouteOptions = {}): Route[] {
  const { secrets } = services.config.intake;
  const log = services.log.child({ module: "intake" });
  if (secrets.length === 0) {
    log.info("intake webhook off: INTAKE_SECRET is not set");
    // Off means absent: a sender gets the same answer as for any unknown path, and never a 5xx to retry.
    const off = (_req: IncomingMessage, res: ServerResponse) => sendJson(res, 404, { error: "intake_disabled" });
    return (["GET", "POST", "PUT", "DELETE"] as const).map((method) => ({ method, path: INTAKE_PATH, handler: off }));
  }

  const notAllowed = (_req: IncomingMessage, res: ServerResponse) => sendJson(res, 405, { error: "method_not_allowed" }, { allow: "POST" });

  const receive = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!isJsonContentType(header(req, "content-type"))) {
      sendJson(res, 415, { error: "unsupported_media_type", expected: "application/json" }, { connection: "close" });
      return;
    }
    const read = await readLimitedBody(req, MAX_INTAKE_BODY_BYTES, header(req, "content-length"));
    if (!read.ok) {
      if (read.problem === "aborted") return void res.destroy();
      log.warn({ limitBytes: MAX_INTAKE_BODY_BYTES }, "intake delivery refused: body too large");
      // The rest of the body is never read: the connection closes after this answer.
      sendJson(res, 413, { error: "payload_too_large", limitBytes: MAX_INTAKE_BODY_BYTES }, { connection: "close" });
      return;
    }
    const arrivedAt = services.now();
    const check = checkIntakeDelivery({ headers: req.headers, body: read.body }, secrets, arrivedAt);
    if (!check.ok) {
      if (check.status === 401) log.warn({ problem: check.answer.problem }, "intake delivery refused: not signed with a valid secret");
      else log.warn({ fields: check.answer.errors.map((e) => e.path) }, "intake delivery refused: invalid body");
      sendJson(res, check.status, check.answer);
      return;
    }
    const { source, externalId, platform, orderId } = check.intake;
    let filing: IntakeFiling;
    try {
      filing = await withTimeout(fileIntakeRequest(services, check.intake), filingTimeoutMs);
    } catch (error) {
      // Filing is one statement: it either stored the request and its audit row, or nothing.
      if (error instanceof FilingTimedOut || isTemporaryFailure(error)) {
        log.error({ err: error instanceof FilingTimedOut ? error.message : error, source, externalId }, "intake delivery not filed: storage unavailable");
        sendJson(res, 503, { error: "unavailable", retryAfterSeconds: RETRY_AFTER_SECONDS }, { "retry-after": String(RETRY_AFTER_SECONDS) });
        return;
      }
      // A retry would fail the same way: no Retry-After, so that a correct sender stops.
      log.error({ err: error, source, externalId }, "intake delivery not filed: it cannot be stored as sent");
      if (isDataException(error)) sendJson(res, 422, { errors: [{ path: "request", message: "cannot be stored as sent: a value is out of range" }] });
      else sendJson(res, 500, { error: "internal_error" });
      return;
    }
    switch (filing.type) {
      case "order_not_found":
        log.info({ source, externalId, platform, orderId }, "intake delivery refused: unknown order");
        sendJson(res, 404, { error: "order_not_found", message: `No ${platform} order ${orderId} in the order store.` });
        return;
      case "amount_refused":
        log.info({ source, externalId, platform, orderId }, "intake delivery refused: the amount cannot be refunded");
        sendJson(res, 422, { errors: [{ path: "request.amount", message: filing.message }] });
        return;
      case "filed":
        log.info({ source, externalId, requestId: filing.requestId }, "intake request filed");
        sendJson(res, 202, { requestId: requestLabel(filing.requestId) });
        return;
      case "repeated":
        log.info({ source, externalId, requestId: filing.requestId }, "intake delivery repeated: answered with the first request");
        sendJson(res, 200, { requestId: requestLabel(filing.requestId) });
        return;
    }
  };

  return [
    { method: "POST", path: INTAKE_PATH, handler: receive },
    { method: "GET", path: INTAKE_PATH, handler: notAllowed },
    { method: "PUT", path: INTAKE_PATH, handler: notAllowed },
    { method: "DELETE", path: INTAKE_PATH, handler: notAllowed },
  ];
}
