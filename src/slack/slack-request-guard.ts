import type { IncomingMessage, RequestListener } from "node:http";
import { parse as parseQueryString } from "node:querystring";
import { sendJson } from "../http/routes";
import { readLimitedBody } from "../intake/read-limited-body";
import { isDispatchableSlackPayload } from "./slack-payload-shape";

/** Slack's rule: a request more than 5 minutes from our clock, either way, is refused. */
const WINDOW_SECONDS = 5 * 60;

/**
 * Slack's payloads are a few KiB (a full modal's state stays well under this); Bolt's default of
 * 4 MiB would let anyone make the process buffer that much before the signature is checked.
 */
export const SLACK_BODY_LIMIT_BYTES = 256 * 1024;

const FORM = "application/x-www-form-urlencoded";
const JSON_TYPE = "application/json";

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Whether Bolt can read this body as a Slack payload. It parses exactly as Bolt's HTTPReceiver
 * does (a form, whose `payload` field is JSON; or JSON) and checks the shape Bolt relies on: Bolt
 * dereferences whatever it parsed, so a signed `payload=null` took the whole process down (an
 * unhandled rejection inside Bolt's receiver), and payloads without a user or a view got 500s.
 */
export function isSlackPayload(contentType: string, body: string): boolean {
  try {
    if (contentType === FORM) {
      const form = parseQueryString(body);
      if (typeof form.payload !== "string") return isDispatchableSlackPayload(form);
      const payload: unknown = JSON.parse(form.payload);
      return isObject(payload) && isDispatchableSlackPayload(payload);
    }
    const parsed: unknown = JSON.parse(body);
    return isObject(parsed) && isDispatchableSlackPayload(parsed);
  } catch {
    return false;
  }
}

function timestampProblem(req: IncomingMessage, nowSeconds: number): boolean {
  const header = req.headers["x-slack-request-timestamp"];
  // Missing: Bolt refuses it (401), unless it is Slack's unsigned SSL check, which Bolt answers and nothing else.
  if (header === undefined) return false;
  const timestamp = typeof header === "string" && /^\d{1,12}$/.test(header) ? Number(header) : NaN;
  return !(Math.abs(nowSeconds - timestamp) <= WINDOW_SECONDS);
}

/**
 * In front of Bolt's receiver on POST /slack/events, the checks Bolt lacks, cheapest first:
 * - a timestamp more than 5 minutes *ahead* of our clock (Bolt checks only the past, so such a
 *   request would stay replayable until its time came): 401;
 * - a content type Slack never sends: 415;
 * - a body over SLACK_BODY_LIMIT_BYTES, refused without reading the rest: 413;
 * - a body Bolt would parse into something other than an object: 400.
 * What passes is handed to Bolt already read (Bolt uses `rawBody` when it is there), and Bolt
 * checks the signature as ever.
 */
export function slackRequestGuard(listener: RequestListener, now: () => Date = () => new Date()): RequestListener {
  return (req, res) => {
    const path = (req.url ?? "").split("?")[0];
    if (req.method !== "POST" || path !== "/slack/events") return listener(req, res);
    if (timestampProblem(req, Math.floor(now().getTime() / 1000))) return sendJson(res, 401, { error: "unauthorized" }, { connection: "close" });
    const contentType = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
    if (contentType !== FORM && contentType !== JSON_TYPE) return sendJson(res, 415, { error: "unsupported_media_type" }, { connection: "close" });
    const declared = req.headers["content-length"];
    readLimitedBody(req, SLACK_BODY_LIMIT_BYTES, typeof declared === "string" ? declared : undefined)
      .then((read) => {
        if (!read.ok) {
          if (read.problem === "aborted") return void res.destroy();
          return sendJson(res, 413, { error: "payload_too_large", limitBytes: SLACK_BODY_LIMIT_BYTES }, { connection: "close" });
        }
        if (!isSlackPayload(req.headers["content-type"] ?? "", read.body.toString("utf8"))) return sendJson(res, 400, { error: "malformed_payload" });
        (req as IncomingMessage & { rawBody?: Buffer }).rawBody = read.body;
        listener(req, res);
      })
      // Nothing above should throw; if it does, this request fails alone, not the process.
      .catch(() => {
        if (!res.headersSent) sendJson(res, 500, { error: "internal_error" });
        else res.destroy();
      });
  };
}
