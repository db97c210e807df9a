import { ExpressReceiver } from "@slack/bolt";
import type { Logger as SlackLogger } from "@slack/web-api";
import { Router } from "express";
import type { Logger } from "../../observability/logger";
import { signedRequestProperties } from "../replay-guard";
import { answerSslCheck } from "./answer-ssl-check";
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
 * POST /slack/events: Bolt's ExpressReceiver, behind the checks it lacks, cheapest first: a
 * timestamp ahead of our clock, a content type or size Slack never sends, Slack's unsigned SSL check,
 * a signature not exactly as Slack writes it, a payload Bolt cannot dispatch. The receiver then
 * verifies the signature, answers the URL verification and hands the rest to the app; Slack gets
 * its answer as soon as a listener acks, and the work goes on after.
 */
export function slackEventsEndpoint(options: SlackEventsEndpointOptions): { receiver: ExpressReceiver; router: Router } {
  const { signingSecret, log, now } = options;
  const router = Router({ caseSensitive: true, strict: true });
  router.post(SLACK_EVENTS_PATH, refuseFutureTimestamp(now), readSlackBody(), answerSslCheck(), verifySlackSignature(signingSecret, log, now), refuseUndispatchable(log));
  const receiver = new ExpressReceiver({
    signingSecret,
    logger: options.boltLogger,
    endpoints: SLACK_EVENTS_PATH,
    router,
    bodyLimit: SLACK_BODY_LIMIT_BYTES,
    // Copied into each verified request's context: the replay guard reads the signature there.
    customPropertiesExtractor: (req) => signedRequestProperties(req),
  });
  return { receiver, router };
}
