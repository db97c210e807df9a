import { PLATFORMS, type Order, type Platform } from "../domain/order";
import { isProviderError, type OrderSource } from "./ports/providers";
import type { Log, OrderDirectory } from "./ports/runtime";
import type { OrderStore } from "./ports/store";

/**
 * Orders read from the platform's API where one is configured, with the local order store as a
 * cache: every order the API gives is written to the store (so the store, the demo's CLI and the
 * reports see what the bot decided on), its refunded total never below what the bot itself
 * refunded, and when the API cannot be reached (a transient error) the
 * cached copy answers instead. What the API says wins: an order it does not know is not found, even
 * if an old copy sits in the store. Platforms without an API read the store only.
 */
export class ProviderOrderDirectory implements OrderDirectory {
  constructor(
    private readonly store: Pick<OrderStore, "findOrder" | "upsertOrders">,
    private readonly remote: (platform: Platform) => OrderSource | null,
    private readonly log: Pick<Log, "warn">,
  ) {}

  async get(platform: Platform, orderId: string): Promise<Order | null> {
    const source = this.remote(platform);
    if (!source) return this.store.findOrder(platform, orderId);
    let order: Order | null;
    try {
      order = await source.getOrder(orderId);
    } catch (error) {
      if (!isProviderError(error) || error.kind !== "transient") throw error;
      const cached = await this.store.findOrder(platform, orderId);
      this.log.warn({ platform, orderId, code: error.code, cached: cached !== null }, "order API unreachable: answering from the local order store");
      if (cached) return cached;
      throw error;
    }
    if (!order) return null;
    await this.store.upsertOrders([order], { keepHigherRefunded: true });
    // As stored: with the refunds the bot recorded that the platform does not show yet.
    return (await this.store.findOrder(platform, orderId)) ?? order;
  }

  async find(orderId: string, platform?: Platform): Promise<Order[]> {
    const platforms = platform ? [platform] : PLATFORMS;
    const found = await Promise.all(platforms.map((p) => this.get(p, orderId)));
    return found.filter((order): order is Order => order !== null);
  }
}
