import { RateLimitError, UnrecoverableError } from "bullmq";
import { classifySlackError } from "./classify-slack-error";
import { slackMethodOf } from "./web-client";
import type { ProcessorContext } from "../queue/processor";

/**
 * Runs one Slack Web API call inside a job. A 429 pauses the whole Slack queue for Retry-After and
 * puts the job back; a permanent error fails the job without retries; anything else is retried
 * with the queue's backoff.
 */
export async function callSlack<T>(context: ProcessorContext, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw await failedCall(context, error);
  }
}

/** What a failed call becomes for the queue, counted under the Slack method that failed. */
async function failedCall(context: ProcessorContext, error: unknown): Promise<unknown> {
  const method = slackMethodOf(error) ?? "unknown";
  const failure = classifySlackError(error);
  if (failure.kind === "rate_limited") {
    context.metrics.slackApiRetries.inc({ method, kind: failure.kind });
    context.log.warn({ method, retryAfterMs: failure.retryAfterMs }, "Slack rate limit: holding the Slack queue");
    await context.rateLimit(failure.retryAfterMs);
    return new RateLimitError();
  }
  if (failure.kind === "permanent") return new UnrecoverableError(`Slack refused the call: ${failure.error}`);
  // The queue tries again with backoff, unless this was the job's last attempt.
  if (context.job.attemptsMade + 1 < (context.job.opts.attempts ?? 1)) context.metrics.slackApiRetries.inc({ method, kind: failure.kind });
  return error;
}
