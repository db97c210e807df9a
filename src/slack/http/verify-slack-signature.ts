import { verifySlackRequest } from "@slack/bolt";
import type { RequestHandler } from "express";
import type { Logger } from "../../observability/logger";
import { SLACK_SIGNATURE } from "../replay-guard";
import { bodyText, headerOf, type SlackHttpRequest } from "./slack-request";

function refuse(res: Parameters<RequestHandler>[1]): void {
  res.writeHead(401);
  res.end();
}

/**
 * 401 for a signature header other than `v0=` and 64 hex digits (Bolt reads only its first two
 * `=`-separated parts: `v0=<hex>=a` would pass as a new signature of the same request), and for a
 * signature that does not verify (Bolt's own check: a stale timestamp, another secret, a changed body).
 */
export function verifySlackSignature(signingSecret: string, log: Pick<Logger, "warn">, now: () => Date): RequestHandler {
  return (req, res, next) => {
    const signature = headerOf(req, "x-slack-signature") ?? "";
    if (!SLACK_SIGNATURE.test(signature)) {
      log.warn("Refused a Slack request whose signature header is not v0= and 64 hex digits");
      return refuse(res);
    }
    try {
      verifySlackRequest({
        signingSecret,
        body: bodyText(req as SlackHttpRequest),
        headers: { "x-slack-signature": signature, "x-slack-request-timestamp": Number(headerOf(req, "x-slack-request-timestamp")) },
        nowMilliseconds: now().getTime(),
      });
    } catch (error) {
      log.warn(`Refused a Slack request: ${(error as Error).message}`);
      return refuse(res);
    }
    next();
  };
}
