import type { RequestHandler } from "express";
import type { SlackHttpRequest } from "./slack-request";

/** Slack's URL verification, once signed and parsed: answered with its challenge, as Bolt's receiver would. */
export function answerUrlVerification(): RequestHandler {
  return (req, res, next) => {
    const body = (req as SlackHttpRequest).body;
    if (body?.type !== "url_verification") return next();
    res.json({ challenge: body.challenge });
  };
}
