import type { ServerResponse } from "node:http";
import { LoopbackFake, type RawRequest } from "./loopback-fake";

export interface FakeCyberbizOptions {
  /** The app's API token the fake accepts. @defaultValue "cyberbiz-test-token-0123456789" */
  token?: string;
  /** Cyberbiz's limit: requests per window per token. @defaultValue { limit: 5, windowMs: 1000 } */
  rateLimit?: { limit: number; windowMs: number };
  /** @defaultValue () => new Date() */
  now?: () => Date;
}

/** What a test says about an order; the fake fills in the rest of Cyberbiz's shape. */
export interface FakeCyberbizOrderSeed {
  id: number;
  /** @defaultValue "unshipped" */
  fulfillment_status?: string;
  /** @defaultValue "open" */
  order_status?: string;
  /** @defaultValue "paid" */
  financial_status?: string;
  /** @defaultValue "LINE Pay" */
  payment_method?: string;
  /** LINE Pay's 19 digits; written as a bare JSON number when `transactionNumberAsNumber`. */
  transaction_number?: string | null;
  transactionNumberAsNumber?: boolean;
  /** @defaultValue 1200 */
  total_price?: number;
  /** Asia/Taipei local time `YYYY-MM-DD HH:MM:SS`. @defaultValue now in Taipei */
  created_at?: string;
  bonus_consumed?: number;
  coupon_codes?: string[];
  return_histories?: Array<{ price: number }>;
}

export type CyberbizFault =
  | { kind: "http500" }
  | { kind: "http"; status: number; retryAfterSeconds?: number; body?: unknown }
  /** No answer: the client times out. Nothing is done. */
  | { kind: "timeout" }
  /** Connection dropped after the request was read. Nothing is done. */
  | { kind: "reset" };

export interface CyberbizCall {
  method: string;
  path: string;
  status: number;
  body?: string;
  authorization?: string;
  fault?: CyberbizFault["kind"];
  at: number;
}

export interface CyberbizCancellation {
  orderId: number;
  body: Record<string, unknown>;
}

const CANCEL_REASONS = ["customer", "duplicate", "not_pay", "fraud", "inventory", "forgot", "not_shipped_yet", "pos_sp_return", "card_paid_fail", "other"];
const CANCEL_REASON_DETAILS = ["wait_too_long", "want_to_use_other_discount", "modify_shipment_location", "have_concern_about_product", "price_too_high", "operation_mistake", "other"];

/**
 * The Cyberbiz open API on loopback: Bearer token (401), orders seeded by the test in Cyberbiz's
 * v1 shape, cancel with Cyberbiz's rules (403 unless unshipped and not cancelled; 422 on a bad
 * body), and the rate limit of 5 requests per second per token, enforced: a 6th request inside
 * any second gets 429 with Retry-After. Counts calls; faults: 5xx, any status, timeout, reset.
 */
export class FakeCyberbiz extends LoopbackFake {
  readonly token: string;
  readonly calls: CyberbizCall[] = [];
  readonly cancellations: CyberbizCancellation[] = [];
  private readonly rateLimit: { limit: number; windowMs: number };
  private readonly now: () => Date;
  private readonly orders = new Map<number, Record<string, unknown>>();
  private readonly bareTransactionNumbers = new Set<number>();
  private readonly faults: CyberbizFault[] = [];
  private readonly acceptedAt = new Map<string, number[]>();

  constructor(options: FakeCyberbizOptions = {}) {
    super();
    this.token = options.token ?? "cyberbiz-test-token-0123456789";
    this.rateLimit = options.rateLimit ?? { limit: 5, windowMs: 1000 };
    this.now = options.now ?? (() => new Date());
  }

  addOrder(seed: FakeCyberbizOrderSeed): void {
    const total = seed.total_price ?? 1200;
    const coupons = (seed.coupon_codes ?? []).map((code, i) => ({ name: `coupon ${i + 1}`, code, amount: 50.0, coupon_id: i + 1 }));
    this.orders.set(seed.id, {
      id: seed.id,
      order_number: 10_000 + seed.id,
      order_name: `#${10_000 + seed.id}`,
      created_at: seed.created_at ?? taipeiLocal(this.now()),
      updated_at: taipeiLocal(this.now()),
      subtotal_price: total,
      customer: { id: 77, name: "王小明", email: "buyer@example.com", mobile: "0912345678" },
      buyer: { email: "buyer@example.com", mobile: "0912345678" },
      payment_name: seed.payment_method ?? "LINE Pay",
      payment_method: seed.payment_method ?? "LINE Pay",
      transaction_number: seed.transaction_number === undefined ? "2026112300000000001" : seed.transaction_number,
      prices: {
        total_line_items_price: total,
        shipping_rate_price: 0.0,
        discounts: {
          bonus_consumed: seed.bonus_consumed ?? 0.0,
          coupon_discount: coupons[0] ?? null,
          coupon_discounts: coupons,
        },
        total_price: total,
      },
      statuses: {
        order_status: seed.order_status ?? "open",
        financial_status: seed.financial_status ?? "paid",
        fulfillment_status: seed.fulfillment_status ?? "unshipped",
        return_status: "no_need",
      },
      timings: { cancelled_at: null, closed_at: null },
      return_histories: seed.return_histories ?? [],
      customer_cancel_reason_detail: null,
    });
    if (seed.transactionNumberAsNumber) this.bareTransactionNumbers.add(seed.id);
  }

  /** The order as the fake holds it now (Cyberbiz's shape). */
  order(id: number): Record<string, unknown> | undefined {
    return this.orders.get(id);
  }

  failNext(times: number, fault: CyberbizFault): void {
    for (let i = 0; i < times; i++) this.faults.push(fault);
  }

  callCount(): number {
    return this.calls.length;
  }

  /** How many requests the fake refused for going over the rate limit. */
  count429(): number {
    return this.calls.filter((call) => call.status === 429 && call.fault === undefined).length;
  }

  callsTo(method: string, pathPattern: RegExp): CyberbizCall[] {
    return this.calls.filter((call) => call.method === method && pathPattern.test(call.path));
  }

  protected handle(request: RawRequest, res: ServerResponse): void {
    const authorization = first(request.headers.authorization);
    const call: CyberbizCall = { method: request.method, path: request.path, status: 0, ...(request.body ? { body: request.body } : {}), ...(authorization ? { authorization } : {}), at: Date.now() };
    this.calls.push(call);
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      call.status = status;
      this.sendJson(res, status, typeof body === "string" ? body : JSON.stringify(body), headers);
    };

    const retryAfterMs = this.takeRateSlot(authorization ?? "");
    if (retryAfterMs !== undefined) {
      return reply(429, { error: ["Too Many Requests"] }, { "retry-after": String(Math.max(1, Math.ceil(retryAfterMs / 1000))) });
    }

    const fault = this.faults.shift();
    if (fault) {
      call.fault = fault.kind;
      if (fault.kind === "timeout") return this.hold(res);
      if (fault.kind === "reset") return this.drop(res);
      if (fault.kind === "http500") return reply(500, { error: "Internal Server Error" });
      return reply(fault.status, fault.body ?? { error: [`HTTP ${fault.status}`] }, fault.retryAfterSeconds !== undefined ? { "retry-after": String(fault.retryAfterSeconds) } : {});
    }

    if (authorization !== `Bearer ${this.token}`) return reply(401, { error: "401 Unauthorized" });

    const get = /^\/v1\/orders\/(\d+)$/.exec(request.path);
    if (get && request.method === "GET") {
      const order = this.orders.get(Number(get[1]));
      return order ? reply(200, this.serialize(order)) : reply(404, { error: ["無此資源"] });
    }
    const cancel = /^\/v1\/orders\/(\d+)\/cancelled$/.exec(request.path);
    if (cancel && request.method === "PUT") return this.cancel(Number(cancel[1]), request.body, reply);
    reply(404, { error: ["無此資源"] });
  }

  private cancel(id: number, rawBody: string, reply: (status: number, body: unknown) => void): void {
    const order = this.orders.get(id);
    if (!order) return reply(404, { error: ["無此資源"] });
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(rawBody || "{}") as Record<string, unknown>;
    } catch {
      return reply(422, { message: "invalid JSON" });
    }
    if (typeof body.cancel_reason !== "string" || !CANCEL_REASONS.includes(body.cancel_reason)) return reply(422, { error: ["cancel_reason does not have a valid value"] });
    if (body.cancel_reason_detail !== undefined && !CANCEL_REASON_DETAILS.includes(String(body.cancel_reason_detail))) {
      return reply(422, { error: ["cancel_reason_detail does not have a valid value"] });
    }
    for (const flag of ["email", "set_warning"]) {
      if (body[flag] !== undefined && typeof body[flag] !== "boolean") return reply(422, { error: [`${flag} is invalid`] });
    }
    const statuses = order.statuses as Record<string, string>;
    // C2/C6: only an unshipped, not yet cancelled order can be cancelled.
    if (statuses.order_status === "cancelled" || statuses.fulfillment_status !== "unshipped") {
      return reply(403, { messages: "訂單狀態不允許取消" });
    }
    statuses.order_status = "cancelled";
    statuses.fulfillment_status = "cancel";
    (order.timings as Record<string, unknown>).cancelled_at = taipeiLocal(this.now());
    this.cancellations.push({ orderId: id, body });
    reply(200, this.serialize(order));
  }

  private serialize(order: Record<string, unknown>): string {
    const text = JSON.stringify(order);
    if (!this.bareTransactionNumbers.has(order.id as number)) return text;
    return text.replace(/"transaction_number":"(\d+)"/, '"transaction_number":$1');
  }

  /** Undefined when the request may go ahead (and is counted); else ms until a slot frees. */
  private takeRateSlot(key: string): number | undefined {
    const now = Date.now();
    const accepted = (this.acceptedAt.get(key) ?? []).filter((t) => now - t < this.rateLimit.windowMs);
    this.acceptedAt.set(key, accepted);
    if (accepted.length >= this.rateLimit.limit) return accepted[0]! + this.rateLimit.windowMs - now;
    accepted.push(now);
    return undefined;
  }
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** `YYYY-MM-DD HH:MM:SS` in Asia/Taipei (UTC+8, no DST), as Cyberbiz writes timestamps. */
export function taipeiLocal(date: Date): string {
  return new Date(date.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 19).replace("T", " ");
}
