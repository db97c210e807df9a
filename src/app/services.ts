import type { WebClient } from "@slack/web-api";
import { SlackApproverDirectory, type ApproverDirectory } from "../approvals/approver-directory";
import type { Config } from "../config/env";
import { createDb, type Db } from "../db/client";
import { createLogger, type Logger } from "../observability/logger";
import { LocalOrderDirectory, type OrderDirectory } from "../orders/order-directory";
import { ProviderOrderDirectory } from "../orders/provider-order-directory";
import { ProviderRegistry } from "../providers/provider-registry";
import { JobQueues } from "../queue/job-queues";
import { createRedis, type Redis } from "../queue/redis-connection";
import { createSlackWebClient } from "../slack/web-client";

/** Everything a web or worker process shares: built once at start-up, closed once at shutdown. */
export interface Services {
  config: Config;
  log: Logger;
  db: Db;
  redis: Redis;
  queues: JobQueues;
  slack: WebClient;
  orders: OrderDirectory;
  approvers: ApproverDirectory;
  /** Which OrderSource and PaymentGateway serve what: the configured APIs, else the local store. */
  providers: ProviderRegistry;
  /** The shell's clock; the domain never reads one. */
  now: () => Date;
  close(): Promise<void>;
}

export function createServices(config: Config, role: string): Services {
  const log = createLogger({ level: config.logLevel }).child({ role });
  const db = createDb(config.databaseUrl);
  const redis = createRedis(config.redisUrl, `refund-desk-${role}`);
  const queues = new JobQueues(redis, config.queuePrefix);
  const slack = createSlackWebClient(config);
  const providers = ProviderRegistry.fromConfig(db, config.providers, { log: log.child({ component: "providers" }) });
  const anyOrderApi = providers.remote.cyberbiz !== null || providers.remote.qoo10 !== null;
  return {
    config,
    log,
    db,
    redis,
    queues,
    slack,
    orders: anyOrderApi ? new ProviderOrderDirectory(db, (platform) => providers.remoteOrderSource(platform), log) : new LocalOrderDirectory(db),
    providers,
    approvers: new SlackApproverDirectory(config.approvalPolicy, slack),
    now: () => new Date(),
    async close() {
      await queues.close();
      await db.$disconnect();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
