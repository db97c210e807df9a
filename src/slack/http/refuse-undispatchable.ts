import type { RequestHandler } from "express";
import type { Logger } from "../../observability/logger";
import { FORM, parseSlackForm, slackBodyOf } from "../parse-slack-body";
import { isTypedSlackPayload } from "../slack-payload-shape";
import { bodyText, type SlackHttpRequest } from "./slack-request";

/**
 * For a signed body: 400 when Bolt could not dispatch it without throwing (no object, or a payload
 * without the fields Bolt reads); and 200 at once, with a log line, for a payload of no type Bolt
 * dispatches (Bolt would leave it unanswered, and its receiver answer 404 after 3 s). Slack's URL
 * verification goes on, to be answered with its challenge.
 */
export function refuseUndispatchable(log: Pick<Logger, "info">): RequestHandler {
  return (req, res, next) => {
    const text = bodyText(req as SlackHttpRequest);
    // A form is read as a form only when sent as exactly that content type, parameters and all, as Bolt reads it.
    const body = slackBodyOf(text, req.headers["content-type"] === FORM ? parseSlackForm(text) : undefined);
    if (!body) return res.status(400).json({ error: "malformed_payload" });
    if (body.type === "url_verification" || isTypedSlackPayload(body)) {
      // Parsed once here: Bolt's receiver dispatches this object rather than parsing the body again.
      (req as SlackHttpRequest).body = body;
      return next();
    }
    log.info(`Answered 200 a signed request that no listener took (type ${String(body.type ?? "unknown")})`);
    res.writeHead(200);
    res.end();
  };
}
