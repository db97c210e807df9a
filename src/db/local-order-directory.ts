import type { Order, Platform } from "../domain/order";
import type { Db } from "./client";
import { findOrder, findOrdersById } from "./orders";

/** Where the bot reads orders from: the local order store, or a platform's API. */
export interface OrderDirectory {
  /** One platform's order, or null when it does not know it. */
  get(platform: Platform, orderId: string): Promise<Order | null>;
  /** Every platform's order with this id, or only `platform`'s when given. */
  find(orderId: string, platform?: Platform): Promise<Order[]>;
}

/** The local order store in Postgres, filled by `refund-desk orders import`. */
export class LocalOrderDirectory implements OrderDirectory {
  constructor(private readonly db: Db) {}

  get(platform: Platform, orderId: string): Promise<Order | null> {
    return findOrder(this.db, platform, orderId);
  }

  async find(orderId: string, platform?: Platform): Promise<Order[]> {
    if (platform) {
      const order = await this.get(platform, orderId);
      return order ? [order] : [];
    }
    return findOrdersById(this.db, orderId);
  }
}
