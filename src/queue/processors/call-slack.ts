import { RateLimitError, UnrecoverableError } from "bullmq";
import { classifySlackError } from "../../slack/classify-slack-error";
import type { ProcessorContext } from "../processor";

/**
 * Runs one Slack Web API call inside a job. A 429 pauses the whole Slack queue for Retry-After and
 * puts the job back; a permanent error fails the job without retries; anything else is retried
 * with the queue's backoff.
 */
export async function callSlack<T>(context: ProcessorContext, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const failure = classifySlackError(error);
    if (failure.kind === "rate_limited") {
      context.log.warn({ retryAfterMs: failure.retryAfterMs }, "Slack rate limit: holding the Slack queue");
      await context.rateLimit(failure.retryAfterMs);
      throw new RateLimitError();
    }
    if (failure.kind === "permanent") throw new UnrecoverableError(`Slack refused the call: ${failure.error}`);
    throw error;
  }
}
