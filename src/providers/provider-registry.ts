import type { ExecutionProviders } from "../domain/execution-plan";
import type { Order, Platform } from "../domain/order";
import { CyberbizOrderSource } from "./cyberbiz";
import { LinePayGateway } from "./line-pay";
import type { CyberbizConfig } from "../config/providers/cyberbiz";
import type { LinePayConfig } from "../config/providers/line-pay";
import type { Qoo10Config } from "../config/providers/qoo10";
import { LocalOrderSource, LocalPaymentGateway } from "./local";
import type { LocalEffectStore } from "../use-cases/ports/local-effects";
import { ProviderError, type OrderSource, type PaymentGateway } from "../use-cases/ports/providers";
import { Qoo10OrderSource } from "./qoo10";
import type { ProviderLogger } from "./shared/provider-logger";
import type { RateLimit, RateLimiter } from "./shared/rate-limiter";
import type { FetchLike } from "./shared/send-http";

/** The platform APIs and payment gateway a deployment has configured; null ⇒ the local store serves that side. */
export interface RemoteProviders {
  cyberbiz: OrderSource | null;
  qoo10: OrderSource | null;
  linePay: PaymentGateway | null;
}

export interface ProviderConfigsLike {
  linePay: LinePayConfig | null;
  cyberbiz: CyberbizConfig | null;
  qoo10: Qoo10Config | null;
}

/**
 * Which implementation serves what (configuration): a platform's orders are read and
 * cancelled through its API when configured, else in the local order store; an order paid with
 * LINE Pay that carries a transactionId is refunded at LINE Pay when it is configured, else in the
 * local store. Effects record the provider's name, and a retry finds the same client by it.
 */
export class ProviderRegistry {
  private readonly localSources: Record<Platform, LocalOrderSource>;
  private readonly localGateways: Record<Platform, LocalPaymentGateway>;

  constructor(
    local: LocalEffectStore,
    readonly remote: RemoteProviders,
  ) {
    this.localSources = { cyberbiz: new LocalOrderSource(local, "cyberbiz"), qoo10: new LocalOrderSource(local, "qoo10") };
    this.localGateways = { cyberbiz: new LocalPaymentGateway(local, "cyberbiz"), qoo10: new LocalPaymentGateway(local, "qoo10") };
  }

  /** `rateLimiter`: a provider's limit shared with the other processes (else each client keeps its own). */
  static fromConfig(local: LocalEffectStore, configs: ProviderConfigsLike, deps: { log?: ProviderLogger; fetch?: FetchLike; rateLimiter?: (provider: string, limit: RateLimit) => RateLimiter } = {}): ProviderRegistry {
    const { rateLimiter, ...clientDeps } = deps;
    const cyberbizLimiter = configs.cyberbiz && rateLimiter?.("cyberbiz", configs.cyberbiz.rateLimit);
    return new ProviderRegistry(local, {
      cyberbiz: configs.cyberbiz && new CyberbizOrderSource(configs.cyberbiz, { ...clientDeps, ...(cyberbizLimiter ? { limiter: cyberbizLimiter } : {}) }),
      qoo10: configs.qoo10 && new Qoo10OrderSource(configs.qoo10, clientDeps),
      linePay: configs.linePay && new LinePayGateway(configs.linePay, clientDeps),
    });
  }

  /** The platform's API, or null when it is not configured. */
  remoteOrderSource(platform: Platform): OrderSource | null {
    return this.remote[platform];
  }

  orderSource(platform: Platform): OrderSource {
    return this.remote[platform] ?? this.localSources[platform];
  }

  local(platform: Platform): LocalOrderSource {
    return this.localSources[platform];
  }

  localGateway(platform: Platform): LocalPaymentGateway {
    return this.localGateways[platform];
  }

  /** LINE Pay for an order paid with it that carries its transaction id, when configured; else the local store. */
  paymentGatewayFor(order: Pick<Order, "platform" | "paymentMethod" | "transactionId">): PaymentGateway {
    if (this.remote.linePay && order.paymentMethod === "line_pay" && order.transactionId) return this.remote.linePay;
    return this.localGateways[order.platform];
  }

  /** Names of who serves an order, for the execution plan. */
  assignment(order: Pick<Order, "platform" | "paymentMethod" | "transactionId">): ExecutionProviders {
    return {
      orderSource: this.remote[order.platform] ? order.platform : "local",
      paymentGateway: this.paymentGatewayFor(order).name === "line_pay" ? "line_pay" : "local",
    };
  }

  /** The order source an effect recorded by name. A provider that is no longer configured is a permanent error. */
  orderSourceNamed(name: string, platform: Platform): OrderSource {
    if (name === "local") return this.localSources[platform];
    if (name === platform && this.remote[platform]) return this.remote[platform];
    throw notConfigured(name);
  }

  gatewayNamed(name: string, platform: Platform): PaymentGateway {
    if (name === "local") return this.localGateways[platform];
    if (name === "line_pay" && this.remote.linePay) return this.remote.linePay;
    throw notConfigured(name);
  }

  /** For the start-up log: which side runs where. */
  describe(): Record<string, "api" | "local"> {
    return { cyberbiz: this.remote.cyberbiz ? "api" : "local", qoo10: this.remote.qoo10 ? "api" : "local", line_pay: this.remote.linePay ? "api" : "local" };
  }
}

function notConfigured(name: string): ProviderError {
  return new ProviderError({ provider: name, code: "not_configured", message: `${name} is not configured on this deployment (see .env.example)`, kind: "permanent" });
}
