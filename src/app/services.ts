import type { WebClient } from "@slack/web-api";
import type { Config } from "../config/env";
import { createDb, type Db } from "../db/client";
import { createLocalEffectStore } from "../db/local-effects";
import { LocalOrderDirectory } from "../db/local-order-directory";
import { createProjectionStore } from "../db/projection-store";
import { executionLocks } from "../db/request-lock";
import { createStore } from "../db/store";
import { NoticeTemplates } from "../providers/notice-templates";
import { SlackApproverDirectory } from "../slack/approver-directory";
import { createSlackJobs, type SlackJobs } from "../slack/slack-jobs";
import type { ProjectionStore } from "../use-cases/ports/projection-store";
import { SlackUserLocales, type UserLocales } from "../slack/user-locales";
import { DEFAULT_LOCALE, isLocale, type Locale } from "../presentation/locales";
import type { UseCaseDeps } from "../use-cases/ports/use-case-deps";
import { ProviderOrderDirectory } from "../use-cases/provider-order-directory";
import { createLogger, type Logger } from "../observability/logger";
import { createMetrics, type Metrics } from "../observability/metrics";
import { ProviderRegistry } from "../providers/provider-registry";
import { RedisRateLimiter } from "../providers/shared/redis-rate-limiter";
import { JobQueues } from "../queue/job-queues";
import { createFailFastRedis, createRedis, type Redis } from "../queue/redis-connection";
import { errorThrottle } from "../observability/error-throttle";
import { createSlackWebClient } from "../slack/web-client";
import { createJsonSlackChat, type SlackChat } from "../slack/slack-chat";

/**
 * Everything a web or worker process shares: built once at start-up, closed once at shutdown. It is
 * what the use cases are given (`UseCaseDeps`), and the adapters' own handles besides.
 */
export interface Services extends UseCaseDeps {
  config: Config;
  log: Logger;
  db: Db;
  redis: Redis;
  queues: JobQueues;
  slack: WebClient;
  /** The worker's chat calls (post, update, ephemeral), posted as JSON; every other call takes `slack`. */
  slackChat: SlackChat;
  /** What Slack's messages, App Home and replies read, and their record of what they showed. */
  projections: ProjectionStore;
  /** The Slack side of the queue's jobs. */
  slackJobs: SlackJobs;
  /** Each person's language, for what they alone read; the team's, for what everyone reads. */
  userLocales: UserLocales;
  /**
   * This process's Prometheus metrics (GET /metrics). Code that carries out refunds counts them here:
   * `metrics.refundsExecuted.inc({ provider })`, `metrics.refundsFailed.inc({ provider })`.
   */
  metrics: Metrics;
  /** Which OrderSource and PaymentGateway serve what: the configured APIs, else the local store. */
  providers: ProviderRegistry;
  close(): Promise<void>;
}

export function createServices(config: Config, role: string): Services {
  const log = createLogger({ level: config.logLevel, secrets: secretsOf(config) }).child({ role });
  const metrics = createMetrics();
  const db = createDb(config.databaseUrl, { poolSize: config.databasePoolSize });
  const redis = createRedis(config.redisUrl, `refund-desk-${role}`);
  const queueErrorWorthLogging = errorThrottle();
  const queues = new JobQueues(redis, config.queuePrefix, (queue, error) => {
    if (!queueErrorWorthLogging(error)) return;
    log.warn({ queue, err: error }, "queue connection error (Redis unreachable?); commands wait for the reconnection");
  });
  const slack = createSlackWebClient(config, metrics);
  const providerLog = log.child({ component: "providers" });
  // Providers' rate limits hold across the web and every worker; a lookup never waits on a Redis that is down.
  let rateLimitRedis: Redis | undefined;
  const rateLimiter = (provider: string, limit: { limit: number; windowMs: number }) => {
    rateLimitRedis ??= createFailFastRedis(config.redisUrl, `refund-desk-${role}-rate-limits`);
    return new RedisRateLimiter({ ...limit, redis: rateLimitRedis, key: `${config.queuePrefix}:rate:${provider}`, log: providerLog });
  };
  const providers = ProviderRegistry.fromConfig(createLocalEffectStore(db), config.providers, { log: providerLog, rateLimiter });
  const anyOrderApi = providers.remote.cyberbiz !== null || providers.remote.qoo10 !== null;
  const store = createStore(db);
  const services: Services = {
    config,
    log,
    db,
    store,
    projections: createProjectionStore(db),
    redis,
    queues,
    slack,
    slackChat: createJsonSlackChat(config, metrics),
    slackJobs: undefined as unknown as SlackJobs,
    notices: new NoticeTemplates(),
    locks: executionLocks(config.databaseUrl),
    orders: anyOrderApi ? new ProviderOrderDirectory(store, (platform) => providers.remoteOrderSource(platform), log) : new LocalOrderDirectory(db),
    providers,
    approvers: new SlackApproverDirectory(config.approvalPolicy, slack),
    userLocales: new SlackUserLocales(slack, { teamLocale: teamLocaleOf(config) }),
    metrics,
    now: () => new Date(),
    async close() {
      await queues.close();
      await db.$disconnect();
      await redis.quit().catch(() => redis.disconnect());
      rateLimitRedis?.disconnect();
    },
  };
  // The Slack jobs use the services they belong to.
  services.slackJobs = createSlackJobs(services);
  return services;
}

/** The team's language (REFUND_DESK_LOCALE), English when it is not set. */
function teamLocaleOf(config: Config & { locale?: unknown }): Locale {
  return isLocale(config.locale) ? config.locale : DEFAULT_LOCALE;
}

/** Values no log line may ever show, whatever object they hide in: the logger masks them. */
export function secretsOf(config: Config): string[] {
  const { linePay, cyberbiz, qoo10 } = config.providers;
  return [config.slack.botToken, config.slack.signingSecret, config.slack.appToken, ...config.intake.secrets, config.admin?.password, config.metricsToken, linePay?.channelSecret, cyberbiz?.apiToken, qoo10?.sellerKey].filter(
    (s): s is string => Boolean(s),
  );
}
