import type { ServerResponse } from "node:http";
import type { Services } from "../../src/app/services";
import { getRequest } from "../../src/db/requests";
import { LocalOrderDirectory } from "../../src/db/local-order-directory";
import { startWorkers, type RunningWorkers } from "../../src/queue/start-workers";
import { FakeCyberbiz, taipeiLocal } from "../fakes/fake-cyberbiz";
import { FakeLinePay, type LinePayFault } from "../fakes/fake-line-pay";
import type { RawRequest } from "../fakes/loopback-fake";
import { FakeQoo10 } from "../fakes/fake-qoo10";
import { APPROVER, fileAndApprove, linePayTransactionId, randomDigits, useFakeProviders, type RequestInput } from "./execution";
import { eventually, testServices } from "./test-services";
import { testWorkspace } from "./test-workspace";

/** LINE Pay on loopback, with faults that hit refund POSTs only (the baseline read before a refund stays healthy). */
export class LinePayWithRefundFaults extends FakeLinePay {
  private readonly refundFaults: LinePayFault[] = [];
  private detailsFailAfterRefund = false;

  failNextRefund(fault: LinePayFault): void {
    this.refundFaults.push(fault);
  }

  /** The next refund is made and answered, but the payment details read right after it fail (HTTP 500). */
  failDetailsAfterNextRefund(): void {
    this.detailsFailAfterRefund = true;
  }

  protected override handle(request: RawRequest, res: ServerResponse): void {
    const fault = request.method === "POST" ? this.refundFaults.shift() : undefined;
    if (fault) this.failNext(1, fault);
    super.handle(request, res);
    if (request.method === "POST" && this.detailsFailAfterRefund) {
      this.detailsFailAfterRefund = false;
      this.failNext(1, { kind: "http500" });
    }
  }
}

export const DAY_MS = 86_400_000;

export interface Seeded {
  orderId: string;
  tx: string;
}

export interface SeedOptions {
  total?: number;
  fulfillment?: string;
  bonus?: number;
  coupons?: string[];
  createdAt?: Date;
  paidAt?: Date;
  paid?: number;
}

/**
 * The bot's services and workers executing at loopback fakes of Cyberbiz, LINE Pay and Qoo10, with
 * a local workspace for its messages. The fakes exist from the start, so a test file can take them
 * (and the methods, which read them only when called) at load; the services come with start().
 */
export class ExecutionFakes {
  readonly slack = testWorkspace();
  readonly linePay = new LinePayWithRefundFaults();
  readonly cyberbiz = new FakeCyberbiz();
  readonly qoo10 = new FakeQoo10();
  private services?: Services;
  private workers?: RunningWorkers;

  async start(): Promise<Services> {
    await Promise.all([this.slack.start(), this.linePay.start(), this.cyberbiz.start(), this.qoo10.start()]);
    const services = (this.services = testServices(this.slack.apiUrl, { WORKER_CONCURRENCY: "4", REFUND_APPROVERS: APPROVER }));
    useFakeProviders(services, { linePay: this.linePay, cyberbiz: this.cyberbiz, qoo10: this.qoo10 });
    this.workers = await startWorkers(services);
    return services;
  }

  async stop(): Promise<void> {
    await this.workers?.close();
    await this.services?.close();
    await Promise.all([this.slack.stop(), this.linePay.stop(), this.cyberbiz.stop(), this.qoo10.stop()]);
  }

  private get started(): Services {
    if (!this.services) throw new Error("the execution fakes are not started");
    return this.services;
  }

  /** A Cyberbiz order paid with LINE Pay, known to both fakes. */
  readonly seedCyberbiz = (options: SeedOptions = {}): Seeded => {
    const orderId = randomDigits(9);
    const tx = linePayTransactionId();
    const createdAt = options.createdAt ?? new Date(Date.now() - 2 * DAY_MS);
    this.cyberbiz.addOrder({
      id: Number(orderId),
      total_price: options.total ?? 1200,
      fulfillment_status: options.fulfillment ?? "unshipped",
      transaction_number: tx,
      created_at: taipeiLocal(createdAt),
      ...(options.bonus !== undefined ? { bonus_consumed: options.bonus } : {}),
      ...(options.coupons ? { coupon_codes: options.coupons } : {}),
    });
    this.linePay.addPayment({ transactionId: tx, orderId: `CB-${orderId}`, amount: options.paid ?? options.total ?? 1200, currency: "TWD", paidAt: options.paidAt ?? createdAt });
    return { orderId, tx };
  };

  readonly file = async (platform: "cyberbiz" | "qoo10", orderId: string, input: RequestInput, approve = true): Promise<number> => {
    const order = await this.started.providers.orderSource(platform).getOrder(orderId);
    if (!order) throw new Error(`the fake has no ${platform} order ${orderId}`);
    return fileAndApprove(this.started, order, input, { local: false, approve });
  };

  /** The services, deciding on orders of the local store (an order in a currency the fake Cyberbiz does not have); executed at the fakes all the same. */
  readonly fromLocalStore = (): Services => ({ ...this.started, orders: new LocalOrderDirectory(this.started.db) });

  readonly lastMessageOf = (requestId: number, contains: string) =>
    eventually(async () => {
      const row = await getRequest(this.started.db, requestId);
      const updates = this.slack.calls.filter((c) => (c.method === "chat.update" || c.method === "chat.postMessage") && c.body.ts === row?.threadTs && JSON.stringify(c.body).includes(contains));
      return updates.at(-1);
    }, 15_000, `the message of request ${requestId} showing ${contains}`);
}
