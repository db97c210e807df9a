import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client";
import { upsertOrders } from "../../src/db/orders";
import { signIntakeBody } from "../../src/intake/verify-intake-signature";
import type { LocalWorkspace } from "../../src/local-workspace/local-workspace";
import { APPROVALS_CHANNEL, REQUESTS_CHANNEL, type AppProcess } from "../support/app-process";
import { cyberbizOrder, qoo10Order, uniqueOrderId } from "../support/orders";
import { sampleValue, scrape } from "../support/prometheus";
import { startSlackApp, type SlackApp } from "../support/slack-app";
import type { SlackDriver } from "../support/slack-driver";
import { BOT_TOKEN, SIGNING_SECRET } from "../support/slack-requests";
import { eventually } from "../support/test-services";

const INTAKE_SECRET = "ops-intake-secret-0123456789";
const ADMIN = { user: "ops", password: "ops-dashboard-password-42" };
const APPROVER = "U0BOSS";
/** The customer's own words, with the contact details a customer writes: none of it may reach a log. */
const CUSTOMER_WORDS = "Wrong colour, please cancel";
const CUSTOMER_EMAIL = "hanako.yamada@example.jp";
const CUSTOMER_PHONE = "090-1234-5678";

let slack: LocalWorkspace;
let app: AppProcess;
let db: Db;
let driver: SlackDriver;
let running: SlackApp | undefined;
const ids: { slack?: number; intake?: number; waiting?: number } = {};

async function sendIntake(body: Record<string, unknown>, secret = INTAKE_SECRET) {
  const raw = JSON.stringify(body);
  const timestamp = Math.floor(Date.now() / 1000);
  const res = await fetch(`${app.baseUrl}/intake/requests`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-refund-desk-timestamp": String(timestamp), "x-refund-desk-signature": signIntakeBody(secret, timestamp, raw) },
    body: raw,
  });
  return (await res.json()) as { requestId: string };
}

/**
 * One full run of the bot, as in production but with every log line at debug: a request filed in
 * Slack, decided, approved; another left waiting; one from the intake webhook with a customer's
 * message and contact details; and a Slack rate limit on the way.
 */
beforeAll(async () => {
  running = await startSlackApp({ env: { LOG_LEVEL: "debug", INTAKE_SECRET, REFUND_APPROVERS: APPROVER, ADMIN_USER: ADMIN.user, ADMIN_PASSWORD: ADMIN.password } });
  ({ slack, app, db, driver } = running);

  const order = cyberbizOrder({ total: 2_000 });
  const waitingOrder = cyberbizOrder({ total: 3_000 });
  const intakeOrder = qoo10Order({ status: "new" });
  await upsertOrders(db, [order, waitingOrder, intakeOrder]);

  // The first message about this request meets a 429: the Slack queue holds and retries it.
  slack.failNext("chat.postMessage", { status: 429, retryAfterSeconds: 1 }, 1, (body) => String(body.text).includes(order.orderId));
  ids.slack = await driver.fileRequest("/refund", order.orderId, { initiator: "store", kind: "refund", reason: "defective_item", amount: "500" });
  await slack.waitFor((c) => c.method === "chat.postMessage" && c.body.channel === APPROVALS_CHANNEL && String(c.body.text).includes(`RD-${ids.slack} `), 20_000, "the approval message");
  const click = await driver.click("approve_request", String(ids.slack), APPROVER);
  expect((await driver.clickAnswer(click.responseId)).body.text).toBe(`Approved RD-${ids.slack}.`);

  ids.waiting = await driver.fileRequest("/refund", waitingOrder.orderId, { initiator: "store", kind: "refund", reason: "defective_item", amount: "700" });
  await slack.waitFor((c) => c.method === "chat.postMessage" && c.body.channel === APPROVALS_CHANNEL && String(c.body.text).includes(`RD-${ids.waiting} `), 20_000, "the second approval message");

  const delivery = {
    source: "qoo10",
    externalId: `CS-${uniqueOrderId()}`,
    platform: "qoo10",
    orderId: intakeOrder.orderId,
    request: { kind: "cancel", initiator: "customer", reason: "customer_request" },
    message: `${CUSTOMER_WORDS}. Reach me at ${CUSTOMER_EMAIL} or ${CUSTOMER_PHONE}.`,
  };
  // Refused deliveries are logged too: one signed with a wrong secret, one with the customer's details in a wrong field.
  await sendIntake(delivery, "not-the-intake-secret-000");
  await sendIntake({ ...delivery, request: { ...delivery.request, reason: CUSTOMER_EMAIL }, contact: CUSTOMER_PHONE });
  const { requestId } = await sendIntake(delivery);
  ids.intake = Number(requestId.slice(3));
  await slack.waitFor((c) => c.method === "chat.postMessage" && c.body.channel === REQUESTS_CHANNEL && JSON.stringify(c.body.blocks ?? "").includes(CUSTOMER_WORDS), 20_000, "the intake request's message");
});

afterAll(() => running?.stop());

describe("GET /metrics after a full run", () => {
  it("counts decisions by outcome and route, job runs by name and result, HTTP requests by route and status", async () => {
    const { status, contentType, samples } = await scrape(app.baseUrl);
    expect(status).toBe(200);
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sampleValue(samples, "refund_desk_requests_decided_total", { outcome: "allow", route: "approval_policy" })).toBeGreaterThanOrEqual(2);
    expect(sampleValue(samples, "refund_desk_requests_decided_total", { outcome: "allow", route: "auto" })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(samples, "refund_desk_job_duration_seconds_count", { job: "evaluate-requests", result: "completed" })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(samples, "refund_desk_job_duration_seconds_bucket", { job: "sync-request", result: "completed", le: "+Inf" })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(samples, "refund_desk_job_duration_seconds_count", { job: "sync-request", result: "rate_limited" })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(samples, "refund_desk_http_requests_total", { route: "/slack/events", status: "2xx" })).toBeGreaterThanOrEqual(5);
    expect(sampleValue(samples, "refund_desk_http_requests_total", { route: "/intake/requests", status: "2xx" })).toBe(1);
    expect(sampleValue(samples, "refund_desk_http_requests_total", { route: "/intake/requests", status: "4xx" })).toBe(2);
    // Every answered request is timed too: the intake's three, whatever their status, and Slack's, each well within Slack's 3 s.
    expect(sampleValue(samples, "refund_desk_http_request_duration_seconds_count", { route: "/intake/requests" })).toBe(3);
    const slackAnswers = sampleValue(samples, "refund_desk_http_request_duration_seconds_count", { route: "/slack/events" });
    expect(slackAnswers).toBe(sampleValue(samples, "refund_desk_http_requests_total", { route: "/slack/events", status: "2xx" }));
    expect(sampleValue(samples, "refund_desk_http_request_duration_seconds_bucket", { route: "/slack/events", le: "3" })).toBe(slackAnswers);
    // Default process metrics, under their usual names.
    expect(sampleValue(samples, "process_cpu_user_seconds_total")).toBeGreaterThan(0);
    expect(sampleValue(samples, "nodejs_eventloop_lag_seconds")).toBeGreaterThanOrEqual(0);
  });

  it("reads queue depths from Redis and the approval backlog from Postgres at scrape time", async () => {
    const { samples } = await scrape(app.baseUrl);
    // Its requests were decided by jobs of the requests queue.
    expect(sampleValue(samples, "refund_desk_queue_jobs", { queue: "requests", state: "completed" })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(samples, "refund_desk_queue_jobs", { queue: "slack", state: "completed" })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(samples, "refund_desk_queue_jobs", { queue: "slack", state: "failed" })).toBe(0);
    // Other test files share the database: at least ours waits, and its age is a real number of seconds.
    expect(sampleValue(samples, "refund_desk_approvals_waiting")).toBeGreaterThanOrEqual(1);
    const entered = await db.auditEvent.findFirstOrThrow({ where: { requestId: ids.waiting!, toState: "awaiting_approval" } });
    expect(sampleValue(samples, "refund_desk_approvals_oldest_age_seconds")).toBeGreaterThanOrEqual((Date.now() - entered.at.getTime()) / 1000 - 1);

    // Approving the waiting one takes it out of the backlog on the next scrape.
    const before = sampleValue(samples, "refund_desk_approvals_waiting")!;
    await driver.clickAnswer((await driver.click("approve_request", String(ids.waiting), APPROVER)).responseId);
    const after = sampleValue((await scrape(app.baseUrl)).samples, "refund_desk_approvals_waiting")!;
    expect(after).toBeLessThan(before + 1);
    expect(await db.refundRequest.count({ where: { id: ids.waiting!, state: "awaiting_approval" } })).toBe(0);
  });

  it("counts Slack API errors and the queue's retries by method and kind", async () => {
    const { samples } = await scrape(app.baseUrl);
    expect(sampleValue(samples, "refund_desk_slack_api_errors_total", { method: "chat.postMessage", kind: "rate_limited" })).toBe(1);
    expect(sampleValue(samples, "refund_desk_slack_api_retries_total", { method: "chat.postMessage", kind: "rate_limited" })).toBe(1);

    // A 503 on a queued call (App Home): counted as an error, and as a retry the queue makes.
    slack.failNext("views.publish", { status: 503 });
    await driver.event({ type: "app_home_opened", user: "U0HOMEVIEWER", channel: "D0HOME", tab: "home", event_ts: String(Date.now() / 1000) });
    await eventually(async () => sampleValue((await scrape(app.baseUrl)).samples, "refund_desk_slack_api_errors_total", { method: "views.publish", kind: "transient" }) === 1, 15_000, "the views.publish error counted");
    await eventually(async () => sampleValue((await scrape(app.baseUrl)).samples, "refund_desk_slack_api_retries_total", { method: "views.publish", kind: "transient" }) === 1, 15_000, "its retry counted");

    // The web side's own calls go through Bolt's client: a failed views.open is counted the same way.
    const order = cyberbizOrder();
    await upsertOrders(db, [order]);
    slack.failNext("views.open", { error: "expired_trigger_id" });
    await driver.command("/refund", order.orderId);
    await eventually(async () => sampleValue((await scrape(app.baseUrl)).samples, "refund_desk_slack_api_errors_total", { method: "views.open", kind: "transient" }) === 1, 15_000, "the views.open error counted");
  });

  it("counts the refunds carried out, by provider (no provider API configured: the local store)", async () => {
    // The approved Slack request is executed: its refund is recorded in the effects ledger once.
    await eventually(async () => (await db.refundRequest.findUniqueOrThrow({ where: { id: ids.slack! } })).state === "completed", 20_000, "the approved request executed");
    const { text, samples } = await scrape(app.baseUrl);
    expect(sampleValue(samples, "refund_desk_refunds_executed_total", { provider: "local" })).toBeGreaterThanOrEqual(1);
    expect(text).toContain("# TYPE refund_desk_refunds_failed_total counter");
    expect(sampleValue(samples, "refund_desk_refunds_failed_total")).toBeUndefined();
  });
});

describe("the queue dashboard", () => {
  const auth = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}` });

  it("asks for credentials, refuses wrong ones, and shows the queues with the right ones", async () => {
    const none = await fetch(`${app.baseUrl}/admin/queues`);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Basic realm=/);
    for (const [user, password] of [[ADMIN.user, "wrong-password-123"], ["root", ADMIN.password], [ADMIN.user, ""]] as const) {
      expect((await fetch(`${app.baseUrl}/admin/queues`, { headers: auth(user, password) })).status).toBe(401);
    }
    expect((await fetch(`${app.baseUrl}/admin/queues/api/queues`, { headers: auth(ADMIN.user, "nope") })).status).toBe(401);

    const page = await fetch(`${app.baseUrl}/admin/queues`, { headers: auth(ADMIN.user, ADMIN.password) });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    const api = await fetch(`${app.baseUrl}/admin/queues/api/queues?activeQueue=requests&status=delayed&page=1&jobsPerPage=10`, { headers: auth(ADMIN.user, ADMIN.password) });
    expect(api.status).toBe(200);
    const { queues } = (await api.json()) as { queues: { name: string }[] };
    expect(queues.map((q) => q.name).sort()).toEqual(["execution", "requests", "slack"]);
  });

  it("refuses a change that another site's page makes with the operator's credentials (403), and lets the dashboard's own through", async () => {
    const retry = `${app.baseUrl}/admin/queues/api/queues/slack/retry/failed`;
    const foreign = await fetch(retry, { method: "PUT", headers: { ...auth(ADMIN.user, ADMIN.password), origin: "https://evil.example" } });
    expect(foreign.status).toBe(403);
    const own = await fetch(retry, { method: "PUT", headers: { ...auth(ADMIN.user, ADMIN.password), origin: app.baseUrl } });
    expect(own.status).toBeLessThan(300);
    await eventually(async () => app.output.some((l) => l.includes("queue dashboard: change from another site refused")), 5_000, "the refusal logged");
  });
});

describe("the logs of the full run", () => {
  const lines = () => app.output;
  const json = () => lines().flatMap((line) => {
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return [];
    }
  });

  it("are JSON lines at the level asked for", () => {
    const parsed = json();
    expect(parsed.length).toBeGreaterThan(20);
    expect(parsed.some((l) => l.level === 20)).toBe(true); // debug lines are there
  });

  it("never show a token, a secret, a password, a request signature, or the customer's words and contact details", () => {
    const all = lines().join("\n");
    for (const secret of [BOT_TOKEN, SIGNING_SECRET, INTAKE_SECRET, ADMIN.password, CUSTOMER_WORDS, CUSTOMER_EMAIL, CUSTOMER_PHONE, "hanako"]) {
      expect(all, `the logs contain ${secret}`).not.toContain(secret);
    }
    expect(all).not.toMatch(/v[01]=[0-9a-f]{64}/);
    expect(all).not.toMatch(/xox[a-z]-/);
    expect(all).not.toMatch(/Basic [A-Za-z0-9+/]{8,}/);
  });

  it("carry the request id on every line about a request", () => {
    const parsed = json();
    const aboutRequests = parsed.filter((l) => ["evaluate-request", "sync-request", "confirm-request-filed", "approval-timer"].includes(String(l.job)));
    expect(aboutRequests.length).toBeGreaterThan(5);
    for (const line of aboutRequests) expect(line.requestId, JSON.stringify(line)).toEqual(expect.any(Number));
    for (const msg of ["request decided", "request filed from Slack", "approval given", "intake request filed"]) {
      const found = parsed.filter((l) => l.msg === msg);
      expect(found.length, msg).toBeGreaterThan(0);
      for (const line of found) expect(line.requestId, `${msg}: ${JSON.stringify(line)}`).toEqual(expect.any(Number));
    }
    expect(parsed.find((l) => l.msg === "approval given" && l.requestId === ids.slack)).toBeDefined();
  });
});
