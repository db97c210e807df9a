import { Writable } from "node:stream";
import { pino } from "pino";
import type { Services } from "../../src/app/services";
import { upsertOrders } from "../../src/db/orders";
import { INTAKE_PATH, intakeRoutes } from "../../src/intake/intake-routes";
import { signIntakeBody } from "../../src/intake/verify-intake-signature";
import { createHttpApp } from "../../src/http/http-app";
import { startHttpServer, type RunningServer } from "../../src/http/start-http-server";
import { qoo10Order, uniqueOrderId } from "./orders";
import { testServices } from "./test-services";
import { testWorkspace } from "./test-workspace";

export const OLD_SECRET = "old-intake-secret-0123456789";
export const NEW_SECRET = "new-intake-secret-abcdefghij";
export const CUSTOMER_EMAIL = "hanako@example.jp";

export function intakeBody(orderId: string, overrides: Record<string, unknown> = {}) {
  return {
    source: "qoo10",
    externalId: `CS-${uniqueOrderId()}`,
    platform: "qoo10",
    orderId,
    request: { kind: "cancel", initiator: "customer", reason: "customer_request" },
    message: `Please cancel, write to ${CUSTOMER_EMAIL}`,
    ...overrides,
  };
}

export interface DeliverOptions {
  secret?: string;
  timestamp?: number;
  signature?: string | null;
  contentType?: string;
  method?: string;
  url?: string;
}

/**
 * The intake routes alone, on free ports, over this run's database and Redis: start() serves them
 * with both secrets of a rotation, startIntake() with other settings. Each server logs into
 * logLines. The methods read what start() made only when called, so a test file can take them at load.
 */
export class IntakeServers {
  readonly slack = testWorkspace();
  readonly logLines: string[] = [];
  private readonly started: { services: Services; http: RunningServer }[] = [];
  private main?: { services: Services; baseUrl: string };

  async start(): Promise<{ services: Services; baseUrl: string }> {
    await this.slack.start();
    this.main = await this.startIntake({ INTAKE_SECRET: `${OLD_SECRET},${NEW_SECRET}` });
    return this.main;
  }

  async stop(): Promise<void> {
    for (const { services: s, http } of this.started) {
      await http.close();
      await s.close();
    }
    await this.slack.stop();
  }

  private get served(): { services: Services; baseUrl: string } {
    if (!this.main) throw new Error("the intake server is not started");
    return this.main;
  }

  readonly startIntake = async (env: Record<string, string>, options: Parameters<typeof intakeRoutes>[1] = {}) => {
    const s = testServices(this.slack.apiUrl, env);
    const log = pino({ level: "info" }, new Writable({ write: (chunk, _enc, done) => (this.logLines.push(String(chunk)), done()) }));
    const withLog = { ...s, log };
    const app = createHttpApp({ routes: intakeRoutes(withLog, options) }, s.metrics, (err) => log.error({ err }, "HTTP handler failed"));
    const http = await startHttpServer(app, 0);
    this.started.push({ services: s, http });
    return { services: s, baseUrl: `http://127.0.0.1:${http.port}` };
  };

  readonly deliver = async (body: unknown, options: DeliverOptions = {}) => {
    const raw = typeof body === "string" ? body : JSON.stringify(body);
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = { "content-type": options.contentType ?? "application/json", "x-refund-desk-timestamp": String(timestamp) };
    const signature = options.signature === undefined ? signIntakeBody(options.secret ?? NEW_SECRET, timestamp, raw) : options.signature;
    if (signature !== null) headers["x-refund-desk-signature"] = signature;
    const res = await fetch(`${options.url ?? this.served.baseUrl}${INTAKE_PATH}`, { method: options.method ?? "POST", headers, ...(options.method === "GET" ? {} : { body: raw }) });
    const text = await res.text();
    return { status: res.status, headers: res.headers, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };

  readonly storedFor = async (orderId: string) => this.served.services.db.refundRequest.findMany({ where: { orderId } });

  readonly newOrder = async (status: "new" | "awaiting_shipment" = "new") => {
    const order = qoo10Order({ status });
    await upsertOrders(this.served.services.db, [order]);
    return order;
  };
}
