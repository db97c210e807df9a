import { HTTPModuleFunctions, HTTPResponseAck, verifySlackRequest, type App, type Receiver, type ReceiverEvent } from "@slack/bolt";
import type { Logger as SlackLogger } from "@slack/web-api";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { sendJson } from "../http/routes";
import { readLimitedBody } from "../http/read-limited-body";
import { FORM, JSON_TYPE, parseSlackForm, slackBodyOf } from "./parse-slack-body";
import { SLACK_SIGNATURE } from "./replay-guard";

/** Slack's rule: a request more than 5 minutes from our clock, either way, is refused. */
const WINDOW_SECONDS = 5 * 60;

/**
 * Slack's payloads are a few KiB (a full modal's state stays well under this); Bolt's default of
 * 4 MiB would let anyone make the process buffer that much before the signature is checked.
 */
export const SLACK_BODY_LIMIT_BYTES = 256 * 1024;

export interface SlackEventsReceiverOptions {
  signingSecret: string;
  logger: SlackLogger;
  /** Copied into each verified request's context (the replay guard reads the signature there). */
  customPropertiesExtractor: (req: IncomingMessage) => Record<string, unknown>;
  now?: () => Date;
}

function timestampProblem(req: IncomingMessage, nowSeconds: number): boolean {
  const header = req.headers["x-slack-request-timestamp"];
  // Missing: the signature check refuses it (401), unless it is Slack's unsigned SSL check.
  if (header === undefined) return false;
  const timestamp = typeof header === "string" && /^\d{1,12}$/.test(header) ? Number(header) : NaN;
  return !(Math.abs(nowSeconds - timestamp) <= WINDOW_SECONDS);
}

const headerOf = (req: IncomingMessage, name: string) => {
  const value = req.headers[name];
  return typeof value === "string" ? value : undefined;
};

/**
 * POST /slack/events in HTTP mode: Bolt's HTTPReceiver, with the checks it lacks and each body read
 * and parsed once. HTTPReceiver parses a form three times (its SSL-check test, the signature step,
 * the dispatch) and a checker in front of it had to parse it once more; at 1,000 modal submissions
 * a second that was a tenth of the web's CPU. In order, cheapest first:
 * - a timestamp more than 5 minutes *ahead* of our clock (Bolt checks only the past, so such a
 *   request would stay replayable until its time came): 401;
 * - a content type Slack never sends: 415;
 * - a body over SLACK_BODY_LIMIT_BYTES, refused without reading the rest: 413;
 * - Slack's unsigned SSL check: 200;
 * - a signature header other than `v0=` and 64 hex digits (Bolt reads only its first two
 *   `=`-separated parts: `v0=<hex>=a` would pass as a new signature of the same request): 401;
 * - a signature that does not verify (Bolt's own check: stale timestamp, wrong secret): 401;
 * - a body Bolt could not dispatch without throwing: 400;
 * - Slack's URL verification: the challenge.
 * The rest is dispatched as HTTPReceiver does, with Bolt's own ack (answered as soon as a listener
 * acks) and error handling; a request Bolt dispatched to nobody (a payload of no type it knows) is
 * answered 200 with a log line at once, not with Bolt's 404 after 3 seconds.
 */
export class SlackEventsReceiver implements Receiver {
  private app: App | undefined;
  readonly requestListener: RequestListener;

  constructor(private readonly options: SlackEventsReceiverOptions) {
    this.requestListener = (req, res) => this.serve(req, res);
  }

  init(app: App): void {
    this.app = app;
  }

  // The web's own HTTP server serves `requestListener`: nothing to start or stop here.
  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }

  private serve(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? "").split("?")[0];
    if (req.method !== "POST" || path !== "/slack/events") return sendJson(res, 404, { error: "not_found" });
    const now = this.options.now?.() ?? new Date();
    if (timestampProblem(req, Math.floor(now.getTime() / 1000))) return sendJson(res, 401, { error: "unauthorized" }, { connection: "close" });
    const contentType = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
    if (contentType !== FORM && contentType !== JSON_TYPE) return sendJson(res, 415, { error: "unsupported_media_type" }, { connection: "close" });
    readLimitedBody(req, SLACK_BODY_LIMIT_BYTES, headerOf(req, "content-length"))
      .then(async (read) => {
        if (!read.ok) {
          if (read.problem === "aborted") return void res.destroy();
          return sendJson(res, 413, { error: "payload_too_large", limitBytes: SLACK_BODY_LIMIT_BYTES }, { connection: "close" });
        }
        await this.handle(req, res, read.body.toString("utf8"), now);
      })
      // Nothing above should throw; if it does, this request fails alone, not the process.
      .catch(() => {
        if (!res.headersSent) sendJson(res, 500, { error: "internal_error" });
        else res.destroy();
      });
  }

  private async handle(req: IncomingMessage, res: ServerResponse, text: string, now: Date): Promise<void> {
    const { logger } = this.options;
    // A form is read as a form only when sent as exactly that content type, parameters and all, as Bolt reads it.
    const form = req.headers["content-type"] === FORM ? parseSlackForm(text) : undefined;
    // Slack's SSL check is not signed, and carries nothing to dispatch.
    if (form?.ssl_check === "1") return HTTPModuleFunctions.buildSSLCheckResponse(res);
    if (!SLACK_SIGNATURE.test(headerOf(req, "x-slack-signature") ?? "")) {
      logger.warn("Refused a request whose signature header is not v0= and 64 hex digits");
      return HTTPModuleFunctions.buildNoBodyResponse(res, 401);
    }
    try {
      verifySlackRequest({
        signingSecret: this.options.signingSecret,
        body: text,
        headers: { "x-slack-signature": headerOf(req, "x-slack-signature") ?? "", "x-slack-request-timestamp": Number(headerOf(req, "x-slack-request-timestamp")) },
        nowMilliseconds: now.getTime(),
      });
    } catch (error) {
      logger.warn(`Failed to parse and verify the request data: ${(error as Error).message}`);
      return HTTPModuleFunctions.buildNoBodyResponse(res, 401);
    }
    const body = slackBodyOf(text, form);
    if (!body) return sendJson(res, 400, { error: "malformed_payload" });
    if (body.type === "url_verification") return HTTPModuleFunctions.buildUrlVerificationResponse(res, body);
    await this.dispatch(req, res, body);
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse, body: Record<string, unknown>): Promise<void> {
    const { logger } = this.options;
    const ack = new HTTPResponseAck({ logger, processBeforeResponse: false, httpRequest: req as never, httpRequestBody: body, httpResponse: res });
    const boltAck = ack.bind();
    let acknowledged = false;
    const retryNum = HTTPModuleFunctions.extractRetryNumFromHTTPRequest(req);
    const retryReason = HTTPModuleFunctions.extractRetryReasonFromHTTPRequest(req);
    const event: ReceiverEvent = {
      body,
      ack: async (response?: unknown) => {
        acknowledged = true;
        await boltAck(response as never);
      },
      ...(retryNum !== undefined ? { retryNum } : {}),
      ...(retryReason !== undefined ? { retryReason } : {}),
      customProperties: this.options.customPropertiesExtractor(req),
    };
    try {
      if (!this.app) throw new Error("the Slack receiver was not given its app");
      await this.app.processEvent(event);
      if (!acknowledged) {
        logger.info(`Answered 200 a signed request that no listener took (type ${String(body.type ?? "unknown")})`);
        await event.ack();
      }
    } catch (error) {
      const answered = await HTTPModuleFunctions.defaultProcessEventErrorHandler({ error: error as Error, logger, request: req, response: res, storedResponse: ack.storedResponse });
      // Bolt's own rule: only when the handler answered is the request marked acknowledged.
      if (answered) ack.ack();
    }
  }
}
