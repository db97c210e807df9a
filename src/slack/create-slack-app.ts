import { App, HTTPReceiver, type CustomRoute } from "@slack/bolt";
import type { Services } from "../app/services";
import { LogLevel, WebClient } from "@slack/web-api";
import { boltLogger } from "./bolt-logger";
import { singleWorkspaceAuthorize } from "./single-workspace-authorize";
import { registerListeners } from "./listeners";

export interface SlackApp {
  app: App;
  /** Bolt's receiver: verifies Slack's signature on POST /slack/events and serves the custom routes. */
  receiver: HTTPReceiver;
}

/**
 * The Bolt app in HTTP mode. Socket Mode is one switch away (SLACK_APP_TOKEN) but needs Slack's
 * servers, so HTTP is what runs in tests and on most deployments.
 */
export function createSlackApp(services: Services, customRoutes: CustomRoute[]): SlackApp {
  const { config } = services;
  const logger = boltLogger(services.log);
  const receiver = new HTTPReceiver({
    signingSecret: config.slack.signingSecret,
    endpoints: "/slack/events",
    customRoutes,
    logger,
    // Answer Slack as soon as a listener acks; the rest of the work happens after.
    processBeforeResponse: false,
  });
  const clientOptions = {
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
    // views.open must land within the trigger's 3 seconds: one quick retry at most.
    retryConfig: { retries: 1, minTimeout: 100, maxTimeout: 500 },
    timeout: 2_500,
  };
  const authorize = singleWorkspaceAuthorize(new WebClient(undefined, { ...clientOptions, logLevel: LogLevel.ERROR }), config.slack.botToken);
  const app = new App({ authorize, receiver, logger, clientOptions });
  registerListeners(app, services);
  app.error(async (error) => {
    services.log.error({ err: error }, "Slack listener failed");
  });
  // Learn the bot's identity now, so the first command is fast; a failure here is retried on the first request.
  authorize.warmUp().catch((error) => services.log.warn({ err: error }, "Slack auth.test failed: check SLACK_BOT_TOKEN and SLACK_API_URL"));
  return { app, receiver };
}
