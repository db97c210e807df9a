import { randomInt } from "node:crypto";
import type { Services } from "../../src/app/services";
import { listEffects, type EffectRow } from "../../src/db/effects";
import { createLocalEffectStore } from "../../src/db/local-effects";
import { upsertOrders } from "../../src/db/orders";
import { auditTrail, fileRequest, getRequest, transitionRequest, type AuditEvent, type RequestRow } from "../../src/db/requests";
import type { Order } from "../../src/domain/order";
import type { Initiator, Reason, RequestKind } from "../../src/domain/request";
import type { RequestState } from "../../src/domain/request-state";
import { ProviderOrderDirectory } from "../../src/use-cases/provider-order-directory";
import { LinePayGateway } from "../../src/providers/line-pay";
import { CyberbizOrderSource } from "../../src/providers/cyberbiz";
import { Qoo10OrderSource } from "../../src/providers/qoo10";
import { SlidingWindowLimiter } from "../../src/providers/shared/sliding-window-limiter";
import { ProviderRegistry } from "../../src/providers/provider-registry";
import { ProviderError } from "../../src/use-cases/ports/providers";
import { afterTransition } from "../../src/use-cases/after-transition";
import { evaluateRequest } from "../../src/use-cases/evaluate-request";
import type { FakeCyberbiz } from "../fakes/fake-cyberbiz";
import type { FakeLinePay } from "../fakes/fake-line-pay";
import type { FakeQoo10 } from "../fakes/fake-qoo10";
import { eventually } from "./test-services";

export const APPROVER = "U0BOSS";

/** n random digits, never starting with 0. */
export function randomDigits(n: number): string {
  let out = String(randomInt(1, 10));
  while (out.length < n) out += String(randomInt(0, 10));
  return out;
}

/** A LINE Pay transaction id: 19 digits, beyond 2^53. */
export const linePayTransactionId = () => `2026${randomDigits(15)}`;

export interface FakeProviders {
  linePay?: FakeLinePay;
  cyberbiz?: FakeCyberbiz;
  qoo10?: FakeQoo10;
  /** Below LINE Pay's 20 s minimum, which only tests may use. @defaultValue 1 500 */
  linePayTimeoutMs?: number;
  /** A LINE Pay secret other than the fake's: every call answers 1106. */
  linePaySecret?: string;
}

/** One limiter per fake Cyberbiz, as for clients sharing a token: rebuilt clients never exceed its 5 requests/s together. */
const cyberbizLimiters = new WeakMap<FakeCyberbiz, SlidingWindowLimiter>();

function limiterFor(fake: FakeCyberbiz): SlidingWindowLimiter {
  let limiter = cyberbizLimiters.get(fake);
  if (!limiter) cyberbizLimiters.set(fake, (limiter = new SlidingWindowLimiter({ limit: 5, windowMs: 1_100 })));
  return limiter;
}

/** Points the services at the fakes given (the rest runs on the local store), as providersFromEnv would with their URLs. */
export function useFakeProviders(services: Services, fakes: FakeProviders): void {
  const noSleep = async () => undefined;
  services.providers = new ProviderRegistry(createLocalEffectStore(services.db), {
    linePay: fakes.linePay
      ? new LinePayGateway({ channelId: fakes.linePay.channelId, channelSecret: fakes.linePaySecret ?? fakes.linePay.channelSecret, apiUrl: fakes.linePay.apiUrl, timeoutMs: fakes.linePayTimeoutMs ?? 1_500 })
      : null,
    cyberbiz: fakes.cyberbiz
      ? new CyberbizOrderSource({ apiUrl: fakes.cyberbiz.baseUrl, apiToken: fakes.cyberbiz.token, timeoutMs: 5_000, currency: "TWD", buyerLocale: "zh-TW", rateLimit: { limit: 5, windowMs: 1_100 } }, { limiter: limiterFor(fakes.cyberbiz) })
      : null,
    qoo10: fakes.qoo10
      ? new Qoo10OrderSource({ apiUrl: fakes.qoo10.baseUrl, sellerKey: fakes.qoo10.sellerKey, timeoutMs: 5_000, utcOffset: "+09:00", defaultBuyerLocale: "ja-JP", messageAttempts: 3, messageRetryDelayMs: 10 }, { sleep: noSleep })
      : null,
  });
  const providers = services.providers;
  services.orders = new ProviderOrderDirectory(services.store, (platform) => providers.remoteOrderSource(platform), services.log);
}

export interface RequestInput {
  kind: RequestKind;
  initiator?: Initiator;
  reason?: Reason;
  amount?: number;
  notifyCustomer?: boolean;
  flagCustomer?: boolean;
  returnReceived?: boolean;
  note?: string;
  requestedAt?: Date;
}

/**
 * Files a request for `order`, lets the engine decide it, and approves it as an approver would:
 * awaiting_approval → approved, then afterTransition (which queues the execution). When `local`,
 * the order is first put in the local order store.
 */
export async function fileAndApprove(services: Services, order: Order, input: RequestInput, options: { local?: boolean; approve?: boolean } = {}): Promise<number> {
  if (options.local ?? true) await upsertOrders(services.db, [order]);
  const { id } = await fileRequest(
    services.db,
    {
      platform: order.platform,
      orderId: order.orderId,
      kind: input.kind,
      initiator: input.initiator ?? "store",
      reason: input.reason ?? "out_of_stock",
      ...(input.amount !== undefined ? { amount: input.amount } : {}),
      currency: order.currency,
      notifyCustomer: input.notifyCustomer ?? false,
      flagCustomer: input.flagCustomer ?? false,
      returnReceived: input.returnReceived ?? false,
      ...(input.note ? { note: input.note } : {}),
      requestedAt: input.requestedAt ?? new Date(),
      requestedBy: "U0AGENT",
      origin: "slack",
    },
    { type: "user", id: "U0AGENT" },
  );
  await evaluateAsTheQueueWould(services, id);
  const row = await getRequest(services.db, id);
  if (row?.state !== "awaiting_approval") throw new Error(`request ${id} is ${row?.state}: ${JSON.stringify(row?.decision)}`);
  if (options.approve ?? true) await approve(services, id);
  return id;
}

/**
 * `evaluateRequest`, tried again after Retry-After when the order lookup was rate limited, as the
 * queue does with its job. The client keeps to Cyberbiz's 5 requests/s with a 100 ms margin, but on
 * a loaded test machine a send can reach the fake later than that, so a 6th call can meet a 429.
 */
async function evaluateAsTheQueueWould(services: Services, requestId: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await evaluateRequest(services, requestId);
    } catch (error) {
      if (attempt >= 3 || !(error instanceof ProviderError && error.code === "rate_limited")) throw error;
      await new Promise((resolve) => setTimeout(resolve, error.retryAfterMs ?? 1_000));
    }
  }
}

export async function approve(services: Services, requestId: number): Promise<void> {
  const moved = await transitionRequest(services.db, { requestId, from: ["awaiting_approval"], to: "approved", action: "approved", actor: { type: "user", id: APPROVER }, detail: { approvers: [APPROVER] } });
  if (!moved.moved) throw new Error(`request ${requestId} could not be approved`);
  await afterTransition(services, { requestId, to: "approved", version: moved.version });
}

export async function settledIn(services: Services, requestId: number, states: readonly RequestState[], timeoutMs = 20_000): Promise<RequestRow> {
  try {
    return await eventually(async () => {
      const row = await getRequest(services.db, requestId);
      return row && states.includes(row.state as RequestState) ? row : undefined;
    }, timeoutMs, `request ${requestId} in ${states.join(" or ")}`);
  } catch (error) {
    // Say where it got stuck: its state, its trail and its effects.
    const row = await getRequest(services.db, requestId);
    const trail = (await auditTrail(services.db, requestId)).map((e) => `${e.action}${e.detail && Object.keys(e.detail).length ? ` ${JSON.stringify(e.detail)}` : ""}`);
    const effects = (await listEffects(services.db, requestId)).map((e) => `${e.kind}=${e.status}${e.errorCode ? `(${e.errorCode})` : ""}`);
    throw new Error(`${(error as Error).message}; it is ${row?.state}, trail: ${trail.join(" | ")}; effects: ${effects.join(", ") || "none"}`);
  }
}

export async function effectsOf(services: Services, requestId: number): Promise<Record<string, EffectRow>> {
  return Object.fromEntries((await listEffects(services.db, requestId)).map((effect) => [effect.kind, effect]));
}

export async function actions(services: Services, requestId: number): Promise<string[]> {
  return (await auditTrail(services.db, requestId)).map((event: AuditEvent) => event.action);
}
