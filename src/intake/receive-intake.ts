import type { IncomingMessage, ServerResponse } from "node:http";
import type { Services } from "../app/services";
import { requestLabel } from "../domain/request";
import type { Logger } from "../observability/logger";
import { fileIntakeRequest, type IntakeFiling } from "../use-cases/file-intake-request";
import { checkIntakeDelivery } from "./check-intake-delivery";
import { answerJson, header } from "./intake-answer";
import type { IntakeBody } from "./intake-body";
import { isJsonContentType } from "./json-content-type";
import { readLimitedBody } from "./read-limited-body";
import { isDataException, isTemporaryFailure } from "./temporary-failure";

/** 64 KiB: a request and a customer's message fit many times over; more is not a request. */
export const MAX_INTAKE_BODY_BYTES = 64 * 1024;

/** What a sender is told to wait before retrying when we cannot store its request just now. */
export const RETRY_AFTER_SECONDS = 30;

export type IntakeServices = Pick<Services, "config" | "db" | "store" | "queues" | "orders" | "log" | "now">;

class FilingTimedOut extends Error {}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new FilingTimedOut(`no answer in ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** The body when it is JSON within the limit; otherwise the delivery is answered (or dropped, if it was aborted) and null returned. */
async function readDelivery(req: IncomingMessage, res: ServerResponse, log: Logger): Promise<Buffer | null> {
  if (!isJsonContentType(header(req, "content-type"))) {
    answerJson(res, 415, { error: "unsupported_media_type", expected: "application/json" }, { connection: "close" });
    return null;
  }
  const read = await readLimitedBody(req, MAX_INTAKE_BODY_BYTES, header(req, "content-length"));
  if (read.ok) return read.body;
  if (read.problem === "aborted") {
    res.destroy();
    return null;
  }
  log.warn({ limitBytes: MAX_INTAKE_BODY_BYTES }, "intake delivery refused: body too large");
  // The rest of the body is never read: the connection closes after this answer.
  answerJson(res, 413, { error: "payload_too_large", limitBytes: MAX_INTAKE_BODY_BYTES }, { connection: "close" });
  return null;
}

/** Files the checked request; null when it could not be stored, the sender told why. */
async function fileDelivery(services: IntakeServices, intake: IntakeBody, filingTimeoutMs: number, res: ServerResponse, log: Logger): Promise<IntakeFiling | null> {
  const { source, externalId } = intake;
  try {
    return await withTimeout(fileIntakeRequest(services, intake), filingTimeoutMs);
  } catch (error) {
    // Filing is one statement: it either stored the request and its audit row, or nothing.
    if (error instanceof FilingTimedOut || isTemporaryFailure(error)) {
      log.error({ err: error instanceof FilingTimedOut ? error.message : error, source, externalId }, "intake delivery not filed: storage unavailable");
      answerJson(res, 503, { error: "unavailable", retryAfterSeconds: RETRY_AFTER_SECONDS }, { "retry-after": String(RETRY_AFTER_SECONDS) });
      return null;
    }
    // A retry would fail the same way: no Retry-After, so that a correct sender stops.
    log.error({ err: error, source, externalId }, "intake delivery not filed: it cannot be stored as sent");
    if (isDataException(error)) answerJson(res, 422, { errors: [{ path: "request", message: "cannot be stored as sent: a value is out of range" }] });
    else answerJson(res, 500, { error: "internal_error" });
    return null;
  }
}

function answerFiling(res: ServerResponse, log: Logger, { source, externalId, platform, orderId }: IntakeBody, filing: IntakeFiling): void {
  switch (filing.type) {
    case "order_not_found":
      log.info({ source, externalId, platform, orderId }, "intake delivery refused: unknown order");
      return answerJson(res, 404, { error: "order_not_found", message: `No ${platform} order ${orderId} in the order store.` });
    case "amount_refused":
      log.info({ source, externalId, platform, orderId }, "intake delivery refused: the amount cannot be refunded");
      return answerJson(res, 422, { errors: [{ path: "request.amount", message: filing.message }] });
    case "filed":
      log.info({ source, externalId, requestId: filing.requestId }, "intake request filed");
      return answerJson(res, 202, { requestId: requestLabel(filing.requestId) });
    case "repeated":
      log.info({ source, externalId, requestId: filing.requestId }, "intake delivery repeated: answered with the first request");
      return answerJson(res, 200, { requestId: requestLabel(filing.requestId) });
  }
}

/** One POST to the intake webhook: read, checked, filed, answered (docs/intake.md lists the answers). */
export async function receiveIntake(services: IntakeServices, log: Logger, filingTimeoutMs: number, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readDelivery(req, res, log);
  if (!body) return;
  const check = checkIntakeDelivery({ headers: req.headers, body }, services.config.intake.secrets, services.now());
  if (!check.ok) {
    if (check.status === 401) log.warn({ problem: check.answer.problem }, "intake delivery refused: not signed with a valid secret");
    else log.warn({ fields: check.answer.errors.map((e) => e.path) }, "intake delivery refused: invalid body");
    return answerJson(res, check.status, check.answer);
  }
  const filing = await fileDelivery(services, check.intake, filingTimeoutMs, res, log);
  if (filing) answerFiling(res, log, check.intake, filing);
}
