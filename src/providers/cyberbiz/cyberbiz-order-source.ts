import type { Order } from "../../domain/order";
import {
  ProviderError,
  type AcceptReturnInput,
  type BuyerMessageInput,
  type CancelOrderInput,
  type EffectReceipt,
  type OrderSource,
} from "../../use-cases/ports/providers";
import { parseJsonLossless } from "../shared/lossless-json";
import { silentLogger, type ProviderLogger } from "../shared/provider-logger";
import { parseRetryAfter } from "../shared/retry-after";
import { sendHttp, type FetchLike, type HttpResponse } from "../shared/send-http";
import type { RateLimiter } from "../shared/rate-limiter";
import { SlidingWindowLimiter } from "../shared/sliding-window-limiter";
import { cyberbizCancelBody } from "./cancel-reasons";
import type { CyberbizConfig } from "../../config/providers/cyberbiz";
import { CyberbizMappingError, toOrder } from "./order-mapping";
import { cyberbizErrorSchema, cyberbizOrderSchema, type CyberbizOrder } from "./schemas";

const PROVIDER = "cyberbiz";

/** When Cyberbiz answers 429 without Retry-After: one rate-limit window. */
const DEFAULT_RETRY_AFTER_MS = 1_000;

export interface CyberbizOrderSourceDeps {
  /** @defaultValue global fetch */
  fetch?: FetchLike;
  log?: ProviderLogger;
  /** @defaultValue Date.now */
  now?: () => number;
  /** The limit shared by every process that uses the same token (RedisRateLimiter). @defaultValue this client's own, from config.rateLimit */
  limiter?: RateLimiter;
}

type Operation = "get_order" | "cancel_order";

/**
 * The Cyberbiz open API as an OrderSource: order lookup and cancel (C5's email and warning-account
 * flags included), every request through a client-side limit of 5 per second. Cyberbiz has no API
 * to accept a return or to message a buyer: see `acceptReturn` and `sendBuyerMessage`.
 */
export class CyberbizOrderSource implements OrderSource {
  readonly name = PROVIDER;
  private readonly fetchImpl: FetchLike;
  private readonly log: ProviderLogger;
  private readonly now: () => number;
  private readonly limiter: RateLimiter;

  constructor(
    private readonly config: CyberbizConfig,
    deps: CyberbizOrderSourceDeps = {},
  ) {
    this.fetchImpl = deps.fetch ?? fetch;
    this.log = deps.log ?? silentLogger;
    this.now = deps.now ?? Date.now;
    this.limiter = deps.limiter ?? new SlidingWindowLimiter({ ...config.rateLimit, clock: this.now });
  }

  async getOrder(orderId: string): Promise<Order | null> {
    if (!isCyberbizId(orderId)) return null;
    const raw = await this.fetchOrder(orderId);
    if (!raw) return null;
    try {
      return toOrder(raw, this.config);
    } catch (error) {
      if (!(error instanceof CyberbizMappingError)) throw error;
      throw new ProviderError({ provider: PROVIDER, code: "invalid_order", message: `order ${orderId}: ${error.message}`, kind: "permanent" }, { cause: error });
    }
  }

  async cancelOrder(input: CancelOrderInput): Promise<EffectReceipt> {
    if (!isCyberbizId(input.orderId)) {
      throw new ProviderError({ provider: PROVIDER, code: "invalid_request", message: `not a Cyberbiz order id: ${input.orderId}`, kind: "permanent" });
    }
    const reference = `cyberbiz:orders/${input.orderId}/cancelled`;
    const response = await this.request("cancel_order", "PUT", `/v1/orders/${input.orderId}/cancelled`, JSON.stringify(cyberbizCancelBody(input)));
    if (response.status >= 200 && response.status < 300) return { reference, alreadyDone: false };
    if (response.status === 403) {
      // 403 is Cyberbiz's "the order's state does not allow it": fine if that state is cancelled (C6).
      const current = await this.fetchOrder(input.orderId);
      if (current && isCancelled(current)) return { reference, alreadyDone: true };
    }
    throw this.failure(response);
  }

  /** Cyberbiz's open API has no call to accept a return (the rules have no Cyberbiz returns either). */
  acceptReturn(input: AcceptReturnInput): Promise<EffectReceipt> {
    return Promise.reject(
      new ProviderError({ provider: PROVIDER, code: "unsupported", message: `Cyberbiz has no API to accept a return (order ${input.orderId}): handle it in the back office`, kind: "permanent" }),
    );
  }

  /**
   * Cyberbiz's open API cannot message a buyer. The customer hears from Cyberbiz itself: the cancel
   * email (`notifyCustomer` ⇒ `email: true`, C5). Nothing is sent here; the receipt says so, and
   * `alreadyDone` because no new effect was performed by this call.
   */
  sendBuyerMessage(input: BuyerMessageInput): Promise<EffectReceipt> {
    this.log.debug({ provider: PROVIDER, operation: "send_buyer_message", orderId: input.orderId }, "Cyberbiz has no message API; the cancel email notifies the customer");
    return Promise.resolve({ reference: "cyberbiz:notified-by-cancel-email", alreadyDone: true });
  }

  /** The raw order, or null when Cyberbiz does not know it (404, or 200 with a bare `null`). */
  private async fetchOrder(orderId: string): Promise<CyberbizOrder | null> {
    const response = await this.request("get_order", "GET", `/v1/orders/${orderId}`);
    if (response.status === 404) return null;
    if (response.status < 200 || response.status >= 300) throw this.failure(response);
    let body: unknown;
    try {
      body = parseJsonLossless(response.text);
    } catch {
      throw new ProviderError({ provider: PROVIDER, code: "invalid_response", message: "Cyberbiz answered an order lookup with a body that is not JSON", kind: "transient", httpStatus: response.status });
    }
    if (body === null || (Array.isArray(body) && body.length === 0)) return null;
    const parsed = cyberbizOrderSchema.safeParse(body);
    if (!parsed.success) {
      throw new ProviderError({ provider: PROVIDER, code: "invalid_response", message: `order ${orderId} does not have the documented shape: ${parsed.error.issues.map((i) => i.path.join(".")).join(", ")}`, kind: "permanent" });
    }
    return parsed.data;
  }

  private async request(operation: Operation, method: "GET" | "PUT", path: string, body?: string): Promise<HttpResponse> {
    await this.limiter.acquire();
    const started = this.now();
    const headers: Record<string, string> = { Authorization: `Bearer ${this.config.apiToken}`, Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    try {
      const response = await sendHttp(PROVIDER, { method, url: `${this.config.apiUrl}${path}`, headers, timeoutMs: this.config.timeoutMs, ...(body !== undefined ? { body } : {}) }, this.fetchImpl);
      this.log.debug({ provider: PROVIDER, operation, status: response.status, ms: this.now() - started }, "Cyberbiz call");
      if (response.status === 429) {
        const wait = parseRetryAfter(response.headers.get("retry-after"), this.now()) ?? DEFAULT_RETRY_AFTER_MS;
        // Everyone behind us on this client waits too: more calls now would only meet more 429s.
        this.limiter.pauseUntil(this.now() + wait);
      }
      return response;
    } catch (error) {
      this.log.warn({ provider: PROVIDER, operation, code: error instanceof ProviderError ? error.code : undefined, ms: this.now() - started }, "Cyberbiz call failed");
      throw error;
    }
  }

  private failure(response: HttpResponse): ProviderError {
    const { status } = response;
    const message = errorMessage(response.text) ?? `Cyberbiz answered HTTP ${status}`;
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), this.now());
    if (status === 429) {
      return new ProviderError({ provider: PROVIDER, code: "rate_limited", message, kind: "transient", httpStatus: status, retryAfterMs: retryAfterMs ?? DEFAULT_RETRY_AFTER_MS });
    }
    if (status >= 500) {
      return new ProviderError({ provider: PROVIDER, code: `http_${status}`, message, kind: "transient", httpStatus: status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
    }
    const code = PERMANENT_STATUS_CODES[status] ?? `http_${status}`;
    return new ProviderError({ provider: PROVIDER, code, message, kind: "permanent", httpStatus: status });
  }
}

/** 401 is also what Cyberbiz answers when the feature is not licensed for the shop. */
const PERMANENT_STATUS_CODES: Record<number, string> = {
  401: "unauthorized",
  403: "state_does_not_allow",
  404: "not_found",
  422: "unprocessable",
};

function isCancelled(order: CyberbizOrder): boolean {
  return (order.statuses?.order_status ?? order.order_status) === "cancelled" || (order.statuses?.fulfillment_status ?? order.fulfillment_status) === "cancel";
}

function isCyberbizId(orderId: string): boolean {
  return /^\d{1,20}$/.test(orderId);
}

function errorMessage(text: string): string | undefined {
  try {
    const parsed = cyberbizErrorSchema.safeParse(JSON.parse(text));
    if (!parsed.success) return undefined;
    const { error, message, messages } = parsed.data;
    const first = [error, message, messages].find((value) => value !== undefined && value.length > 0);
    return Array.isArray(first) ? first.join("; ") : first;
  } catch {
    return undefined;
  }
}
