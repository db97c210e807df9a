import type { Order } from "../../domain/order";
import {
  ProviderError,
  type AcceptReturnInput,
  type BuyerMessageInput,
  type CancelOrderInput,
  type EffectReceipt,
  type OrderSource,
} from "../../use-cases/ports/providers";
import { localTimeToIso } from "../shared/local-time";
import { silentLogger, type ProviderLogger } from "../shared/provider-logger";
import { QOO10_CANCEL_REASON } from "./cancel-reasons";
import type { Qoo10Config } from "../../config/providers/qoo10";
import { Qoo10MappingError, qoo10StatusCode, QOO10_TERMINAL_CLAIMS, toOrder } from "./order-mapping";
import { QapiClient, QOO10_PROVIDER, type QapiClientDeps } from "./qapi-client";
import { QAPI_METHODS, QOO10_BUYER_MESSAGE } from "./qapi-methods";
import { isQoo10AuthFailure, QOO10_ORDER_NOT_FOUND_CODES, QOO10_ORDER_STATE_ERROR } from "./result-codes";
import { qoo10ClaimRowSchema, qoo10OrderRowSchema, rows, type Qoo10OrderRow } from "./schemas";

export interface Qoo10OrderSourceDeps extends QapiClientDeps {
  /** Between buyer-message attempts. @defaultValue a setTimeout-based sleep */
  sleep?: (ms: number) => Promise<void>;
}

export type Qoo10ClaimKind = "cancel" | "return" | "exchange" | "non_receipt" | "other";

/** A claim as ShippingBasic.GetClaimInfo_V3 lists it. */
export interface Qoo10Claim {
  orderId: string;
  /** QAPI claim code: 1 cancel requested … 6 return complete, 11–13 exchange, 14–15 non-receipt, 16 unpaid. */
  claimStatus: string;
  kind: Qoo10ClaimKind;
  reason?: string;
  requestedAt?: string;
  completedAt?: string;
  amount?: number;
  currency?: string;
}

export interface Qoo10ClaimQuery {
  /** One claim code, or all. */
  claimStatus?: number;
  from: Date;
  to: Date;
  /** Which date `from`/`to` apply to. @defaultValue "claim_request" */
  dateOf?: "order" | "claim_request" | "completion";
}

/** QAPI's GetClaimInfo_V3 refuses a search period over 90 days. */
const MAX_CLAIM_SEARCH_DAYS = 90;
const SEARCH_CONDITION = { order: "1", claim_request: "2", completion: "3" } as const;
const RETURN_DONE = new Set(["5", "6", "12", "13"]);
const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Qoo10 J·QSM's QAPI as an OrderSource: order lookup, seller cancel (with the buyer notice of Q5
 * sent first and checked), return acceptance and claim listing.
 */
export class Qoo10OrderSource implements OrderSource {
  readonly name = QOO10_PROVIDER;
  private readonly qapi: QapiClient;
  private readonly log: ProviderLogger;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly config: Qoo10Config,
    deps: Qoo10OrderSourceDeps = {},
  ) {
    this.qapi = new QapiClient(config, deps);
    this.log = deps.log ?? silentLogger;
    this.sleep = deps.sleep ?? realSleep;
  }

  async getOrder(orderId: string): Promise<Order | null> {
    const row = await this.fetchRow(orderId);
    if (!row) return null;
    try {
      return toOrder(row, this.config);
    } catch (error) {
      if (!(error instanceof Qoo10MappingError)) throw error;
      throw new ProviderError({ provider: QOO10_PROVIDER, code: "invalid_order", message: `order ${orderId}: ${error.message}`, kind: "permanent" }, { cause: error });
    }
  }

  /**
   * Claim.SetCancelProcess. A store-side cancel first sends the buyer the Cancel/Refund message
   * (Q5) and only cancels once Qoo10 accepted it; a buyer already told (`buyerNotified`) is not
   * told twice. The buyer-facing text also goes as `SellerMemo`, which Qoo10 shows the buyer (Q6);
   * the internal `note` is not sent. An order already cancelled gives `alreadyDone`.
   */
  async cancelOrder(input: CancelOrderInput): Promise<EffectReceipt> {
    assertOrderNo(input.orderId);
    const reason = QOO10_CANCEL_REASON[input.reason];
    if (!reason) {
      throw new ProviderError({ provider: QOO10_PROVIDER, code: "unsupported_reason", message: `Qoo10 has no cancel reason for "${input.reason}" (it is a return reason, Q9)`, kind: "permanent" });
    }
    const reference = `qoo10:cancel:${input.orderId}`;
    const buyerMessage = input.buyerMessage?.trim();
    if (input.initiator === "store" && !input.buyerNotified) {
      if (!buyerMessage) {
        throw new ProviderError({ provider: QOO10_PROVIDER, code: "buyer_message_required", message: "a store-side cancel on Qoo10 needs the buyer message of Q5 (buyerMessage), or buyerNotified", kind: "permanent" });
      }
      const row = await this.fetchRow(input.orderId);
      if (!row) throw notFound(input.orderId);
      // A retried cancel must not message the buyer about an order that is already cancelled.
      if (terminalClaim(row) === "cancelled") return { reference, alreadyDone: true };
      await this.sendMessageWithRetries(input.orderId, QOO10_BUYER_MESSAGE.category, buyerMessage);
    }

    try {
      await this.qapi.call(QAPI_METHODS.cancel, {
        ContrNo: input.orderId,
        ...(reason.code ? { CancelReason: reason.code } : {}),
        ...(buyerMessage ? { SellerMemo: buyerMessage.slice(0, 1000) } : {}),
      });
      return { reference, alreadyDone: false };
    } catch (error) {
      if (error instanceof ProviderError && error.code === String(QOO10_ORDER_STATE_ERROR)) {
        const row = await this.fetchRow(input.orderId);
        if (row && terminalClaim(row) === "cancelled") return { reference, alreadyDone: true };
      }
      throw error;
    }
  }

  /**
   * Claim.SetClaimAccept on the buyer's return claim. Qoo10's docs call this method "approve an
   * exchange"; public integrations use it for returns. The reason and note have no
   * field in it; the return address is the one set in J·QSM (all address fields are optional).
   */
  async acceptReturn(input: AcceptReturnInput): Promise<EffectReceipt> {
    assertOrderNo(input.orderId);
    const reference = `qoo10:claim-accept:${input.orderId}`;
    const row = await this.fetchRow(input.orderId);
    if (!row) throw notFound(input.orderId);
    if (isReturnAccepted(row)) return { reference, alreadyDone: true };
    try {
      await this.qapi.call(QAPI_METHODS.acceptClaim, { orderNo: input.orderId });
      return { reference, alreadyDone: false };
    } catch (error) {
      if (error instanceof ProviderError && error.code === String(QOO10_ORDER_STATE_ERROR)) {
        const again = await this.fetchRow(input.orderId);
        if (again && isReturnAccepted(again)) return { reference, alreadyDone: true };
      }
      throw error;
    }
  }

  /** The Cancel/Refund message to the buyer, in the language the caller wrote it in (Q6), retried (Q5). */
  async sendBuyerMessage(input: BuyerMessageInput): Promise<EffectReceipt> {
    assertOrderNo(input.orderId);
    const messageNo = await this.sendMessageWithRetries(input.orderId, input.subject, input.body);
    return { reference: `qoo10:message:${input.orderId}:${messageNo ?? "sent"}`, alreadyDone: false };
  }

  /** ShippingBasic.GetClaimInfo_V3: the claims in a period of at most 90 days. */
  async listClaims(query: Qoo10ClaimQuery): Promise<Qoo10Claim[]> {
    const spanDays = (query.to.getTime() - query.from.getTime()) / 86_400_000;
    if (!(spanDays >= 0 && spanDays <= MAX_CLAIM_SEARCH_DAYS)) {
      throw new ProviderError({ provider: QOO10_PROVIDER, code: "invalid_request", message: `a claim search covers 0 to ${MAX_CLAIM_SEARCH_DAYS} days`, kind: "permanent" });
    }
    const result = await this.qapi.call(QAPI_METHODS.claims, {
      ...(query.claimStatus !== undefined ? { ClaimStat: String(query.claimStatus) } : {}),
      search_Sdate: this.qapiDateTime(query.from),
      search_Edate: this.qapiDateTime(query.to),
      search_condition: SEARCH_CONDITION[query.dateOf ?? "claim_request"],
    });
    return rows(result).flatMap((raw) => {
      const parsed = qoo10ClaimRowSchema.safeParse(raw);
      if (!parsed.success) {
        this.log.warn({ provider: QOO10_PROVIDER, method: QAPI_METHODS.claims }, "skipped a claim row that does not have the documented shape");
        return [];
      }
      const claim = parsed.data;
      const code = qoo10StatusCode(claim.claimStatus) ?? "";
      const requestedAt = claim.requestDate ? localTimeToIso(claim.requestDate, this.config.utcOffset) : undefined;
      const completedAt = claim.cancelRefundDate ? localTimeToIso(claim.cancelRefundDate, this.config.utcOffset) : undefined;
      return [
        {
          orderId: claim.orderNo,
          claimStatus: code,
          kind: claimKind(code),
          ...(claim.reason ? { reason: claim.reason } : {}),
          ...(requestedAt ? { requestedAt } : {}),
          ...(completedAt ? { completedAt } : {}),
          ...(claim.paymentAmount !== null && claim.paymentAmount !== undefined ? { amount: Math.round(claim.paymentAmount) } : {}),
          ...(claim.currency ? { currency: claim.currency } : {}),
        },
      ];
    });
  }

  private async fetchRow(orderId: string): Promise<Qoo10OrderRow | null> {
    if (!/^\d{1,12}$/.test(orderId)) return null;
    let result: unknown;
    try {
      result = await this.qapi.call(QAPI_METHODS.orderByNumber, { OrderNo: orderId });
    } catch (error) {
      if (error instanceof ProviderError && QOO10_ORDER_NOT_FOUND_CODES.includes(Number(error.code))) return null;
      throw error;
    }
    const parsedRows = rows(result).map((raw) => qoo10OrderRowSchema.safeParse(raw));
    const bad = parsedRows.find((parsed) => !parsed.success);
    if (bad && !bad.success) {
      throw new ProviderError({ provider: QOO10_PROVIDER, code: "invalid_response", message: `order ${orderId} does not have the documented shape: ${bad.error.issues.map((i) => i.path.join(".")).join(", ")}`, kind: "permanent" });
    }
    const all = parsedRows.flatMap((parsed) => (parsed.success ? [parsed.data] : []));
    return all.find((row) => row.orderNo === orderId) ?? null;
  }

  /**
   * Sends until Qoo10 accepts the message, at most `messageAttempts` times (Q5: "a failed send is
   * retried"). A rejected key stops at once. Gives back Qoo10's message number when it sends one.
   */
  private async sendMessageWithRetries(orderId: string, title: string, contents: string): Promise<string | undefined> {
    if (contents.length > QOO10_BUYER_MESSAGE.maxLength) {
      throw new ProviderError({ provider: QOO10_PROVIDER, code: "invalid_request", message: `the buyer message is longer than ${QOO10_BUYER_MESSAGE.maxLength} characters`, kind: "permanent" });
    }
    const attempts = Math.max(1, this.config.messageAttempts);
    let last: ProviderError | undefined;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const result = await this.qapi.call(QOO10_BUYER_MESSAGE.method, QOO10_BUYER_MESSAGE.params({ orderNo: orderId, title, contents }));
        return messageNumber(result);
      } catch (error) {
        if (!(error instanceof ProviderError) || isQoo10AuthFailure(Number(error.code))) throw error;
        last = error;
        this.log.warn({ provider: QOO10_PROVIDER, operation: "buyer_message", orderId, attempt, code: error.code }, "buyer message not accepted");
        if (attempt < attempts) await this.sleep(this.config.messageRetryDelayMs * attempt);
      }
    }
    throw new ProviderError(
      { provider: QOO10_PROVIDER, code: "buyer_message_failed", message: `buyer message not accepted after ${attempts} attempts; last: ${last?.code} ${last?.message}`, kind: "transient" },
      { cause: last },
    );
  }

  /** `yyyyMMddHHmmss` in the site's local time, as QAPI's search dates are. */
  private qapiDateTime(date: Date): string {
    const [sign, hours, minutes] = [this.config.utcOffset[0], Number(this.config.utcOffset.slice(1, 3)), Number(this.config.utcOffset.slice(4, 6))];
    const offsetMs = (sign === "-" ? -1 : 1) * (hours * 60 + minutes) * 60_000;
    return new Date(date.getTime() + offsetMs).toISOString().slice(0, 19).replace(/[-T:]/g, "");
  }
}

function terminalClaim(row: Qoo10OrderRow): "cancelled" | "returned" | undefined {
  const code = qoo10StatusCode(row.claimStatus);
  return code ? QOO10_TERMINAL_CLAIMS[code] : undefined;
}

function isReturnAccepted(row: Qoo10OrderRow): boolean {
  const code = qoo10StatusCode(row.claimStatus);
  return code !== undefined && RETURN_DONE.has(code);
}

function claimKind(code: string): Qoo10ClaimKind {
  const n = Number(code);
  if ([1, 2, 3, 16].includes(n)) return "cancel";
  if ([4, 5, 6].includes(n)) return "return";
  if ([11, 12, 13].includes(n)) return "exchange";
  if ([14, 15].includes(n)) return "non_receipt";
  return "other";
}

function messageNumber(result: unknown): string | undefined {
  if (result && typeof result === "object" && !Array.isArray(result)) {
    for (const key of ["MessageNo", "SEQ_NO", "SeqNo"]) {
      const value = (result as Record<string, unknown>)[key];
      if (typeof value === "string" || typeof value === "number") return String(value);
    }
  }
  return undefined;
}

function assertOrderNo(orderId: string): void {
  if (!/^\d{1,12}$/.test(orderId)) {
    throw new ProviderError({ provider: QOO10_PROVIDER, code: "invalid_request", message: `not a Qoo10 order number: ${orderId}`, kind: "permanent" });
  }
}

function notFound(orderId: string): ProviderError {
  return new ProviderError({ provider: QOO10_PROVIDER, code: "not_found", message: `Qoo10 does not know order ${orderId}`, kind: "permanent" });
}
