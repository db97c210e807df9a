import { createServices, type Services } from "../../src/app/services";
import { parsePolicyFile } from "../../src/config/approval-policy-file";
import { parseConfig } from "../../src/config/env";
import type { BatchShared } from "../../src/domain/bulk/batch-items";
import type { Order, OrderInput } from "../../src/domain/order";
import { upsertOrders } from "../../src/db/orders";
import { confirmDraft, draftBatch } from "../../src/use-cases/file-batch";
import { APPROVALS_CHANNEL } from "./app-process";
import { qoo10Order } from "./orders";
import { testConfig } from "./test-services";

/** A bot on this run's database, with its own queues, this approval policy and these variables. */
export function servicesWithPolicy(slackApiUrl: string, policyText: string, extra: Record<string, string> = {}): Services {
  const file = parsePolicyFile("policy.yaml", policyText);
  if (!file.ok) throw new Error(file.problems.join("\n"));
  const base = testConfig(slackApiUrl);
  const env = {
    SLACK_BOT_TOKEN: base.slack.botToken,
    SLACK_SIGNING_SECRET: base.slack.signingSecret,
    SLACK_API_URL: slackApiUrl,
    REFUND_REQUESTS_CHANNEL: base.channels.requests,
    REFUND_APPROVALS_CHANNEL: APPROVALS_CHANNEL,
    DATABASE_URL: base.databaseUrl,
    REDIS_URL: base.redisUrl,
    QUEUE_PREFIX: base.queuePrefix,
    LOG_LEVEL: "silent",
    ...extra,
  };
  const config = parseConfig(env, file.file);
  if (!config.ok) throw new Error(config.problems.join("\n"));
  return createServices(config.config, "test");
}

/** `n` Qoo10 orders (new, 5,800 JPY unless overridden), stored. */
export async function storedOrders(services: Pick<Services, "db">, n: number, overrides: (i: number) => Partial<OrderInput> = () => ({})): Promise<Order[]> {
  const orders = Array.from({ length: n }, (_, i) => qoo10Order(overrides(i)));
  await upsertOrders(services.db, orders);
  return orders;
}

export const STORE_CANCEL: BatchShared = { kind: "cancel", initiator: "store", reason: "out_of_stock", notifyCustomer: true, flagCustomer: false, returnReceived: false };

/** A confirmed batch of these orders, filed by `userId` (its filing is queued, not done). */
export async function confirmedBatch(services: Services, orders: readonly Order[], userId = "U0AGENT", shared: BatchShared = STORE_CANCEL): Promise<string> {
  const { batchId } = await draftBatch(services, { lines: orders.map((o) => ({ ref: { platform: o.platform, orderId: o.orderId } })), source: "command", shared, createdBy: userId, originChannel: "C0SUPPORT" });
  if (!batchId) throw new Error("no order recognised");
  const confirmed = await confirmDraft(services, batchId, userId, shared);
  if (confirmed.kind !== "confirmed") throw new Error(`not confirmed: ${confirmed.kind}`);
  return batchId;
}
