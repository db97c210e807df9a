import { WebClient, LogLevel, type WebAPICallResult } from "@slack/web-api";
import type { Config } from "../config/env";
import type { Metrics } from "../observability/metrics";
import { classifySlackError } from "./classify-slack-error";
import { countingSlackFetch } from "./slack-call-metrics";
import { postSlackJson } from "./slack-http";

/** The Web API method each failed call was for, kept with its error (whatever the error's class). */
const failedMethods = new WeakMap<object, string>();

/** The Slack Web API method whose call threw `error`, if it came from the worker's Slack client. */
export function slackMethodOf(error: unknown): string | undefined {
  return typeof error === "object" && error !== null ? failedMethods.get(error) : undefined;
}

/**
 * The calls every request makes (its confirmation, message and approval message, three per request
 * filed): Slack takes them as JSON, so they skip the WebClient's form encoding and the debug copies
 * it makes of each body. Everything else goes through the WebClient.
 */
const JSON_METHODS: ReadonlySet<string> = new Set(["chat.postMessage", "chat.update", "chat.postEphemeral"]);

const TIMEOUT_MS = 10_000;

/**
 * A WebClient whose failures remember their method (the queue counts a retry under that name) and
 * whose chat calls are posted as JSON. A chat call's failure is counted here, by the kind the
 * queue will treat it as; the others are counted by the fetch they go through.
 */
class MethodTaggingWebClient extends WebClient {
  constructor(
    token: string,
    options: ConstructorParameters<typeof WebClient>[1],
    private readonly metrics: Pick<Metrics, "slackApiErrors">,
  ) {
    super(token, options);
  }

  override async apiCall(method: string, options?: Record<string, unknown>): Promise<WebAPICallResult> {
    const asJson = JSON_METHODS.has(method) && this.token !== undefined && options !== undefined && !("token" in options);
    try {
      return asJson ? await postSlackJson({ url: `${this.slackApiUrl}${method}`, token: this.token!, args: options, timeoutMs: TIMEOUT_MS }) : await super.apiCall(method, options);
    } catch (error) {
      if (asJson) this.metrics.slackApiErrors.inc({ method, kind: classifySlackError(error).kind });
      if (typeof error === "object" && error !== null) failedMethods.set(error, method);
      throw error;
    }
  }
}

/**
 * The worker's Slack client. It never retries by itself and rejects rate-limited calls at once:
 * retries, backoff and Retry-After belong to the queue, where they survive a restart and never
 * hold a worker slot while waiting.
 */
export function createSlackWebClient(config: Config, metrics: Pick<Metrics, "slackApiErrors">): WebClient {
  return new MethodTaggingWebClient(
    config.slack.botToken,
    {
      ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: TIMEOUT_MS,
      logLevel: LogLevel.ERROR,
      fetch: countingSlackFetch(metrics),
    },
    metrics,
  );
}
