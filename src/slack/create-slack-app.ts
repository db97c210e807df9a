import { App } from "@slack/bolt";
import type { ExtendedErrorHandlerArgs } from "@slack/bolt/dist/App";
import { LogLevel, WebClient } from "@slack/web-api";
import type { Router } from "express";
import type { Services } from "../app/services";
import { boltLogger } from "./bolt-logger";
import { registerListeners } from "./listeners";
import type { Redis } from "../queue/redis-connection";
import { slackEventsEndpoint } from "./http/slack-events-endpoint";
import { replayGuard } from "./replay-guard";
import { singleWorkspaceAuthorize } from "./single-workspace-authorize";
import { slackLogContext } from "./slack-log-context";
import { countingSlackFetch } from "./slack-call-metrics";

export interface SlackApp {
  app: App;
  /** Serves POST /slack/events (signature checked) in HTTP mode, to mount on the process's HTTP app; absent in Socket Mode. */
  router?: Router;
  /** Opens the Socket Mode connection; a no-op in HTTP mode. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The Bolt app. HTTP mode by default; SLACK_APP_TOKEN switches to Socket Mode (it needs Slack's
 * servers, so HTTP is what the tests drive). `guardRedis`: the replay guard's own connection
 * (`createFailFastRedis`), closed when the app stops.
 */
export function createSlackApp(services: Services, guardRedis: Redis): SlackApp {
  const { config } = services;
  const logger = boltLogger(services.log);
  const clientOptions = {
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
    // views.open must land within the trigger's 3 seconds: one quick retry at most.
    retryConfig: { retries: 1, minTimeout: 100, maxTimeout: 500 },
    timeout: 2_500,
    fetch: countingSlackFetch(services.metrics),
  };
  const authorize = singleWorkspaceAuthorize(new WebClient(undefined, { ...clientOptions, logLevel: LogLevel.ERROR }), config.slack.botToken);
  const socketMode = Boolean(config.slack.appToken);
  const endpoint = socketMode ? undefined : slackEventsEndpoint({ signingSecret: config.slack.signingSecret, boltLogger: logger, log: services.log, now: services.now });
  // No conversation store: the bot keeps its state in Postgres, and Bolt's in-memory store would be
  // looked up (and miss, with an Error built) on every event from a channel.
  // Nor Bolt's filter of the bot's own events: the bot listens to no message events, and buttons,
  // modals, commands and App Home are people's; every middleware runs on every request.
  const options = { authorize, logger, clientOptions, extendedErrorHandler: true, convoStore: false, ignoreSelf: false } as const;
  const app = socketMode
    ? new App({ ...options, socketMode: true, appToken: config.slack.appToken!, signingSecret: config.slack.signingSecret })
    : new App({ ...options, receiver: endpoint!.receiver });
  // First of all middleware: a replayed request goes no further. Its own Redis client gives up within
  // 300 ms: with Redis down, commands that need no Redis must still be answered.
  app.use(replayGuard({ redis: guardRedis, keyPrefix: config.queuePrefix, metrics: services.metrics, log: services.log, now: services.now }));
  registerListeners(app, services);
  // The extended handler sees the payload: the line names the request it was about, when there is one.
  app.error(async ({ error, body }: ExtendedErrorHandlerArgs) => {
    // Bolt wraps the errors of several listeners in one whose `originals` pino would print as {}.
    const originals = (error as { originals?: unknown[] }).originals?.map((e) => (e instanceof Error ? { type: e.name, message: e.message, stack: e.stack } : e));
    services.log.error({ err: error, ...(originals ? { originals } : {}), ...slackLogContext(body) }, "Slack listener failed");
  });
  // Learn the bot's identity now, so the first command is fast; a failure here is retried on the first request.
  authorize.warmUp().catch((error) => services.log.warn({ err: error }, "Slack auth.test failed: check SLACK_BOT_TOKEN and SLACK_API_URL"));
  return {
    app,
    ...(endpoint ? { router: endpoint.router } : {}),
    start: async () => {
      if (socketMode) await app.start();
    },
    stop: async () => {
      if (socketMode) await app.stop();
      guardRedis.disconnect();
    },
  };
}
