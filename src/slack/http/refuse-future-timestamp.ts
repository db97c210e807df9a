import type { RequestHandler } from "express";

/** Slack's rule: a request more than 5 minutes from our clock, either way, is refused. */
export const SIGNATURE_WINDOW_SECONDS = 5 * 60;

function outsideWindow(header: string | string[] | undefined, nowSeconds: number): boolean {
  // Missing: the signature check refuses it (401), unless it is Slack's unsigned SSL check.
  if (header === undefined) return false;
  const timestamp = typeof header === "string" && /^\d{1,12}$/.test(header) ? Number(header) : NaN;
  return !(Math.abs(nowSeconds - timestamp) <= SIGNATURE_WINDOW_SECONDS);
}

/**
 * 401 for a timestamp more than 5 minutes from our clock, ahead as well as behind: Bolt checks only
 * the past, so a request dated ahead would stay replayable until its time came. Before the body is read.
 */
export function refuseFutureTimestamp(now: () => Date): RequestHandler {
  return (req, res, next) => {
    if (!outsideWindow(req.headers["x-slack-request-timestamp"], Math.floor(now().getTime() / 1000))) return next();
    res.status(401).set("connection", "close").json({ error: "unauthorized" });
  };
}
