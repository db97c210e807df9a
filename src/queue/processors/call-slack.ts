import { RateLimitError, UnrecoverableError } from "bullmq";
import { classifySlackError } from "../../slack/classify-slack-error";
import { withSlackMethodTracking } from "../../slack/slack-call-metrics";
import type { ProcessorContext } from "../processor";

/**
 * Runs one Slack Web API call inside a job. A 429 pauses the whole Slack queue for Retry-After and
 * puts the job back; a permanent error fails the job without retries; anything else is retried
 * with the queue's backoff.
 */
export async function callSlack<T>(context: ProcessorContext, call: () => Promise<T>): Promise<T> {
  const result = await withSlackMethodTracking(call);
  if (result.ok) return result.value;
  const { error, method } = result;
  const failure = classifySlackError(error);
  if (failure.kind === "rate_limited") {
    context.metrics.slackApiRetries.inc({ method, kind: failure.kind });
    context.log.warn({ method, retryAfterMs: failure.retryAfterMs }, "Slack rate limit: holding the Slack queue");
    await context.rateLimit(failure.retryAfterMs);
    throw new RateLimitError();
  }
  if (failure.kind === "permanent") throw new UnrecoverableError(`Slack refused the call: ${failure.error}`);
  // The queue tries again with backoff, unless this was the job's last attempt.
  if (context.job.attemptsMade + 1 < (context.job.opts.attempts ?? 1)) context.metrics.slackApiRetries.inc({ method, kind: failure.kind });
  throw error;
}
