import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { IncomingMessage } from "node:http";
import { errorThrottle } from "../observability/error-throttle";
import type { Logger } from "../observability/logger";
import type { Metrics } from "../observability/metrics";
import type { Redis } from "../queue/redis-connection";

/**
 * A Slack signature exactly as Slack writes it: `v0=` and the 64 hex digits of an HMAC-SHA256. Bolt
 * reads only the first two `=`-separated parts of the header, so `v0=<hex>=a` passed its check too:
 * anything else is refused before it, and the replay guard keys on the digest alone.
 */
export const SLACK_SIGNATURE = /^v0=([0-9a-f]{64})$/;

/** Slack accepts a request whose timestamp is within 5 minutes of our clock, either way. */
const SIGNATURE_WINDOW_SECONDS = 5 * 60;
/** Kept a little longer than the window, for clocks that drift. */
const MARGIN_SECONDS = 60;

/** The context keys the receiver copies from each HTTP request (after it verified the signature). */
export type SignedRequestProperties = {
  /** The signature's digest (hex): what a replay repeats, whatever else it adds to the header. */
  slackDigest?: string;
  slackTimestamp?: string;
};

/** For the receiver's `customPropertiesExtractor`: called only for requests whose signature was verified. */
export function signedRequestProperties(req: IncomingMessage): SignedRequestProperties {
  const signature = req.headers["x-slack-signature"];
  const timestamp = req.headers["x-slack-request-timestamp"];
  const digest = typeof signature === "string" ? SLACK_SIGNATURE.exec(signature)?.[1] : undefined;
  return {
    ...(digest ? { slackDigest: digest } : {}),
    ...(typeof timestamp === "string" ? { slackTimestamp: timestamp } : {}),
  };
}

/**
 * Refuses a replay of a signed Slack request inside the 5-minute window: the first request with a
 * signature's digest claims it in Redis (SET NX, until the window closes); a second one is
 * acknowledged and goes no further. Slack's own redeliveries are signed anew, so they still reach
 * the listeners, whose idempotency (view ids, one answer per approver) settles them. Without Redis
 * the guard lets requests through: those listeners are the safety net, and Slack must get its
 * answer. `redis` is a client of the guard's own that gives up at once (no offline queue, a command
 * timeout; `createFailFastRedis`): with Redis down or stalled, every Slack request would otherwise
 * wait for it.
 */
export function replayGuard(deps: { redis: Redis; keyPrefix: string; metrics: Pick<Metrics, "slackReplaysRefused">; log: Logger; now: () => Date }): Middleware<AnyMiddlewareArgs> {
  const worthLogging = errorThrottle();
  return async (args) => {
    const { slackDigest, slackTimestamp } = args.context as SignedRequestProperties;
    // Socket Mode has no signatures: nothing to replay over HTTP.
    if (!slackDigest) return args.next();
    const nowSeconds = Math.floor(deps.now().getTime() / 1000);
    const sentAt = Number(slackTimestamp);
    const ttlSeconds = Math.max(1, (Number.isFinite(sentAt) ? sentAt : nowSeconds) + SIGNATURE_WINDOW_SECONDS - nowSeconds) + MARGIN_SECONDS;
    let first = true;
    try {
      first = (await deps.redis.set(`${deps.keyPrefix}:slack-seen:${slackDigest}`, "1", "EX", ttlSeconds, "NX")) === "OK";
    } catch (error) {
      if (error instanceof Error && worthLogging(error)) deps.log.warn({ err: error }, "replay check unavailable (Redis): letting Slack requests through");
    }
    if (first) return args.next();
    deps.metrics.slackReplaysRefused.inc();
    deps.log.warn({ type: args.body.type }, "Slack request replayed (same signature digest): acknowledged, not run again");
    if ("ack" in args && typeof args.ack === "function") await (args.ack as () => Promise<void>)();
  };
}
