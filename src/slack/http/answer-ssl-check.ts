import type { RequestHandler } from "express";
import { FORM, parseSlackForm, PAYLOAD_FIELD } from "../parse-slack-body";
import { bodyText, type SlackHttpRequest } from "./slack-request";

/**
 * Slack's SSL check is not signed and carries nothing to dispatch: 200 at once (Bolt's receiver
 * checks the signature first, and would refuse it). A click or a submission (one `payload` field)
 * is never one, and is not parsed here.
 */
export function answerSslCheck(): RequestHandler {
  return (req, res, next) => {
    if (req.headers["content-type"] !== FORM) return next();
    const text = bodyText(req as SlackHttpRequest);
    if ((text.startsWith(PAYLOAD_FIELD) && !text.includes("&")) || parseSlackForm(text).ssl_check !== "1") return next();
    res.writeHead(200);
    res.end();
  };
}
