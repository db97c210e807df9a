import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { IncomingMessage } from "node:http";
import type { Logger } from "../observability/logger";
import type { Metrics } from "../observability/metrics";
import type { Redis } from "../queue/redis-connection";

/** Slack accepts a request whose timestamp is within 5 minutes of our clock, either way. */
const SIGNATURE_WINDOW_SECONDS = 5 * 60;
/** Kept a little longer than the window, for clocks that drift. */
const MARGIN_SECONDS = 60;

/** The context keys the receiver copies from each HTTP request (after it verified the signature). */
export type SignedRequestProperties = {
  slackSignature?: string;
  slackTimestamp?: string;
};

/** For the receiver's `customPropertiesExtractor`: called only for requests whose signature was verified. */
export function signedRequestProperties(req: IncomingMessage): SignedRequestProperties {
  const signature = req.headers["x-slack-signature"];
  const timestamp = req.headers["x-slack-request-timestamp"];
  return {
    ...(typeof signature === "string" ? { slackSignature: signature } : {}),
    ...(typeof timestamp === "string" ? { slackTimestamp: timestamp } : {}),
  };
}

/**
 * Refuses a byte-identical replay of a signed Slack request inside the 5-minute window: the first
 * request with a signature claims it in Redis (SET NX, until the window closes); a second one is
 * acknowledged and goes no further. Slack's own redeliveries are signed anew, so they still reach
 * the listeners, whose idempotency (view ids, one answer per approver) settles them. Without
 * Redis the guard lets requests through: those listeners are the safety net, and Slack must get
 * its answer.
 */
export function replayGuard(deps: { redis: Redis; keyPrefix: string; metrics: Pick<Metrics, "slackReplaysRefused">; log: Logger; now: () => Date }): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const { slackSignature, slackTimestamp } = args.context as SignedRequestProperties;
    // Socket Mode has no signatures: nothing to replay over HTTP.
    if (!slackSignature) return args.next();
    const nowSeconds = Math.floor(deps.now().getTime() / 1000);
    const sentAt = Number(slackTimestamp);
    const ttlSeconds = Math.max(1, (Number.isFinite(sentAt) ? sentAt : nowSeconds) + SIGNATURE_WINDOW_SECONDS - nowSeconds) + MARGIN_SECONDS;
    let first = true;
    try {
      first = (await deps.redis.set(`${deps.keyPrefix}:slack-seen:${slackSignature}`, "1", "EX", ttlSeconds, "NX")) === "OK";
    } catch (error) {
      deps.log.warn({ err: error }, "replay check unavailable (Redis): letting the Slack request through");
    }
    if (first) return args.next();
    deps.metrics.slackReplaysRefused.inc();
    deps.log.warn({ type: args.body.type }, "Slack request replayed (same signature): acknowledged, not run again");
    if ("ack" in args && typeof args.ack === "function") await (args.ack as () => Promise<void>)();
  };
}
