import { ExpressReceiver } from "@slack/bolt";
import type { Logger as SlackLogger } from "@slack/web-api";
import { Router } from "express";
import type { Logger } from "../../observability/logger";
import { signedRequestProperties } from "../replay-guard";
import { answerSslCheck } from "./answer-ssl-check";
import { answerUrlVerification } from "./answer-url-verification";
import { readSlackBody, SLACK_BODY_LIMIT_BYTES } from "./read-slack-body";
import { refuseFutureTimestamp } from "./refuse-future-timestamp";
import { refuseUndispatchable } from "./refuse-undispatchable";
import { verifySlackSignature } from "./verify-slack-signature";

export const SLACK_EVENTS_PATH = "/slack/events";

export interface SlackEventsEndpointOptions {
  signingSecret: string;
  /** Bolt's logger (boltLogger) and ours. */
  boltLogger: SlackLogger;
  log: Logger;
  now: () => Date;
}

/**
 * POST /slack/events: the checks Bolt lacks, cheapest first (a timestamp ahead of our clock, a
 * content type or size Slack never sends, Slack's unsigned SSL check, a signature not exactly as
 * Slack writes it or not verifying, a payload Bolt cannot dispatch), then Slack's URL verification
 * and Bolt's ExpressReceiver handler. The body is read, verified and parsed once, by the checks; the
 * receiver's own router, which would do all three again, is not mounted. Slack gets its answer as
 * soon as a listener acks, and the work goes on after.
 */
export function slackEventsEndpoint(options: SlackEventsEndpointOptions): { receiver: ExpressReceiver; router: Router } {
  const { signingSecret, log, now } = options;
  const receiver = new ExpressReceiver({
    signingSecret,
    logger: options.boltLogger,
    endpoints: SLACK_EVENTS_PATH,
    router: Router(),
    bodyLimit: SLACK_BODY_LIMIT_BYTES,
    // Copied into each verified request's context: the replay guard reads the signature there.
    customPropertiesExtractor: (req) => signedRequestProperties(req),
  });
  const router = Router({ caseSensitive: true, strict: true });
  router.post(
    SLACK_EVENTS_PATH,
    refuseFutureTimestamp(now),
    readSlackBody(),
    answerSslCheck(),
    verifySlackSignature(signingSecret, log, now),
    refuseUndispatchable(log),
    answerUrlVerification(),
    (req, res) => receiver.requestHandler(req, res),
  );
  return { receiver, router };
}
