import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../../src/app/services";
import { parsePolicyFile } from "../../../src/config/approval-policy-file";
import { createServices } from "../../../src/app/services";
import { parseConfig } from "../../../src/config/env";
import { upsertOrders } from "../../../src/db/orders";
import { startWorkers, type RunningWorkers } from "../../../src/queue/start-workers";
import { fileRefundRequest } from "../../../src/use-cases/file-request";
import { giveVerdictAndReply as giveVerdict } from "../../../src/slack/verdict-replies";
import { testWorkspace } from "../../support/test-workspace";
import type { LocalWorkspace } from "../../../src/local-workspace/local-workspace";
import { APPROVALS_CHANNEL } from "../../support/app-process";
import { cyberbizOrder } from "../../support/orders";
import { deleteKeysMatching } from "../../support/redis-keys";
import { eventually, testConfig } from "../../support/test-services";

const policy = (reminders: string) => `
approvers: { users: [U0BOSS1, U0BOSS2, U0AGENT] }
fallbackApprover: U0FALLBACK
thresholds:
  TWD: { autoApproveUpTo: 100, singleApproverUpTo: 1000 }
reminders: ${reminders}
`;

let slack: LocalWorkspace;
let services: Services;
let workers: RunningWorkers | undefined;

/** A bot with this approval policy, on its own queues. */
function servicesWith(policyText: string, extraEnv: Record<string, string> = {}): Services {
  const file = parsePolicyFile("policy.yaml", policyText);
  if (!file.ok) throw new Error(file.problems.join("\n"));
  const base = testConfig(slack.apiUrl);
  const env = { SLACK_BOT_TOKEN: base.slack.botToken, SLACK_SIGNING_SECRET: base.slack.signingSecret, SLACK_API_URL: slack.apiUrl, REFUND_REQUESTS_CHANNEL: base.channels.requests, REFUND_APPROVALS_CHANNEL: APPROVALS_CHANNEL, DATABASE_URL: base.databaseUrl, REDIS_URL: base.redisUrl, QUEUE_PREFIX: base.queuePrefix, LOG_LEVEL: "silent", ...extraEnv };
  const config = parseConfig(env, file.file);
  if (!config.ok) throw new Error(config.problems.join("\n"));
  return createServices(config.config, "test");
}

beforeAll(async () => {
  slack = testWorkspace();
  await slack.start();
  services = servicesWith(policy("{ remindAfter: 1h, escalateAfter: 2h, expireAfter: 3h }"));
  workers = await startWorkers(services);
});

afterAll(async () => {
  await workers?.close();
  await services?.close();
  await slack?.stop();
});

/** Files a refund of `amount` TWD by `requester` and waits until it is decided. */
async function pendingRequest(amount: number, requester = "U0AGENT", services: Services = currentServices()) {
  const order = cyberbizOrder({ total: 5_000, paymentMethod: "credit_card" });
  await upsertOrders(services.db, [order]);
  const { id } = await fileRefundRequest(services, {
    order, kind: "refund", initiator: "customer", reason: "defective_item", amount, notifyCustomer: false, flagCustomer: false, returnReceived: false,
    requestedAt: new Date(), actor: { type: "user", id: requester }, origin: "slack",
  });
  const row = await eventually(async () => {
    const r = await services.db.refundRequest.findUnique({ where: { id } });
    return r && r.state !== "submitted" ? r : undefined;
  }, 10_000, "the decision");
  return { id, order, row };
}

function currentServices(): Services {
  return services;
}

/**
 * Approved: the request's last verdict moved it to `approved`, and it is there or further on the
 * way an approval leads (its execution, queued at once, may have moved it on by the time it is read).
 */
async function expectApproved(id: number) {
  const approval = await services.db.auditEvent.findFirstOrThrow({ where: { requestId: id, action: "approved" } });
  expect([approval.fromState, approval.toState]).toEqual(["awaiting_approval", "approved"]);
  const { state } = await services.db.refundRequest.findUniqueOrThrow({ where: { id } });
  expect(["approved", "executing", "completed", "manual_pending", "failed"]).toContain(state);
}

const actions = async (id: number) => (await services.db.auditEvent.findMany({ where: { requestId: id }, orderBy: { id: "asc" } })).map((e) => e.action);

describe("approvals on real Postgres and Redis", () => {
  it("routes by the currency's thresholds: auto-approved, one approver, two approvers", async () => {
    const auto = await pendingRequest(100);
    expect(auto.row.approvalsRequired).toBe(0);
    // Approved by the decision itself: its execution, queued at once, may have moved it on by the time it is read.
    expect((await services.db.auditEvent.findFirstOrThrow({ where: { requestId: auto.id, action: "decided" } })).toState).toBe("approved");
    expect((await pendingRequest(1_000)).row).toMatchObject({ state: "awaiting_approval", approvalsRequired: 1 });
    expect((await pendingRequest(1_001)).row).toMatchObject({ state: "awaiting_approval", approvalsRequired: 2 });
  });

  it("two approvers clicking at once: exactly one decision takes effect, the other is told who decided", async () => {
    const { id } = await pendingRequest(500);
    const results = await Promise.all([
      giveVerdict(services, { requestId: id, userId: "U0BOSS1", verdict: "approve" }),
      giveVerdict(services, { requestId: id, userId: "U0BOSS2", verdict: "approve" }),
      giveVerdict(services, { requestId: id, userId: "U0BOSS1", verdict: "approve" }),
    ]);
    expect(results.filter((r) => r.done)).toHaveLength(1);
    const losers = results.filter((r) => !r.done).map((r) => r.message);
    expect(losers.some((m) => /already approved by <@U0BOSS[12]>/.test(m) || /You already approved/.test(m))).toBe(true);
    await expectApproved(id);
    expect((await actions(id)).filter((a) => a === "approved")).toHaveLength(1);
  });

  it("above the single-approver amount it takes two distinct approvers", async () => {
    const { id } = await pendingRequest(2_000);
    expect(await giveVerdict(services, { requestId: id, userId: "U0BOSS1", verdict: "approve" })).toMatchObject({ done: true, message: expect.stringContaining("1 more approver") });
    expect(await giveVerdict(services, { requestId: id, userId: "U0BOSS1", verdict: "approve" })).toMatchObject({ done: false, message: expect.stringContaining("You already approved") });
    expect((await services.db.refundRequest.findUniqueOrThrow({ where: { id } })).state).toBe("awaiting_approval");
    expect(await giveVerdict(services, { requestId: id, userId: "U0BOSS2", verdict: "approve" })).toMatchObject({ done: true });
    await expectApproved(id);
    expect((await actions(id)).slice(0, 4)).toEqual(["filed", "decided", "approval_given", "approved"]);
  });

  it("never the requester, never a non-approver: both refused and audited", async () => {
    const { id } = await pendingRequest(500, "U0AGENT");
    expect(await giveVerdict(services, { requestId: id, userId: "U0AGENT", verdict: "approve" })).toMatchObject({ done: false, message: expect.stringContaining("four eyes") });
    expect(await giveVerdict(services, { requestId: id, userId: "U0STRANGER", verdict: "reject", reason: "no" })).toMatchObject({ done: false, message: expect.stringContaining("Only approvers") });
    const refusals = await services.db.auditEvent.findMany({ where: { requestId: id, action: "approval_refused" } });
    expect(refusals.map((e) => e.detail)).toEqual([{ user: "U0AGENT", why: "own_request" }, { user: "U0STRANGER", why: "not_an_approver" }]);
    expect((await services.db.refundRequest.findUniqueOrThrow({ where: { id } })).state).toBe("awaiting_approval");
  });

  it("a rejection keeps its reason, and the approval message loses its buttons", async () => {
    const { id } = await pendingRequest(500);
    const posted = await slack.waitFor((c) => c.method === "chat.postMessage" && c.body.channel === APPROVALS_CHANNEL && String(c.body.text).includes(`RD-${id} `), 10_000, "the approval message");
    expect(JSON.stringify(posted.body.blocks)).toContain("approve_request");
    expect(await giveVerdict(services, { requestId: id, userId: "U0BOSS2", verdict: "reject", reason: "Photo shows no damage" })).toMatchObject({ done: true });
    const updated = await slack.waitFor((c) => c.method === "chat.update" && c.body.ts === posted.response?.ts && JSON.stringify(c.body.blocks).includes("Rejected by"), 10_000, "the approval message updated");
    expect(JSON.stringify(updated.body.blocks)).not.toContain("approve_request");
    expect(JSON.stringify(updated.body.blocks)).toContain("Photo shows no damage");
    const approval = await services.db.approval.findFirstOrThrow({ where: { requestId: id } });
    expect(approval).toMatchObject({ approverId: "U0BOSS2", verdict: "reject", reason: "Photo shows no damage" });
  });

  it("a manual refund (C7) is approved into execution, which leaves a task for a person instead of calling LINE Pay", async () => {
    const order = cyberbizOrder({ createdAt: "2026-01-01T00:00:00+08:00" });
    await upsertOrders(services.db, [order]);
    const { id } = await fileRefundRequest(services, {
      order, kind: "refund", initiator: "customer", reason: "defective_item", amount: 50, notifyCustomer: false, flagCustomer: false, returnReceived: false,
      requestedAt: new Date(), actor: { type: "user", id: "U0AGENT" }, origin: "slack",
    });
    await eventually(async () => (await services.db.refundRequest.findUnique({ where: { id } }))?.state === "awaiting_approval", 10_000, "pending");
    expect(await giveVerdict(services, { requestId: id, userId: "U0BOSS1", verdict: "approve" })).toMatchObject({ done: true });
    await eventually(async () => (await services.db.refundRequest.findUnique({ where: { id } }))?.state === "manual_pending", 15_000, "the manual task");
    const actions = (await services.db.auditEvent.findMany({ where: { requestId: id }, orderBy: { id: "asc" } })).map((e) => e.action);
    expect(actions).toContain("manual_task_created");
    expect(actions.indexOf("approved")).toBeLessThan(actions.indexOf("manual_task_created"));
  });
});

describe("approval timers (reminder 1 s, escalation 2 s, expiry 3 s)", () => {
  let timed: Services;
  let timedWorkers: RunningWorkers;
  beforeAll(async () => {
    // The other bot's timer pass shares this database, and would look at these requests with its own (hour-long) timers.
    await workers?.close();
    workers = undefined;
    timed = servicesWith(policy("{ remindAfter: 1s, escalateAfter: 2s, expireAfter: 3s }"), { APPROVAL_TIMERS_EVERY_MS: "200" });
    timedWorkers = await startWorkers(timed);
  });
  afterAll(async () => {
    await timedWorkers?.close();
    await timed?.close();
  });

  it("a forgotten approval is reminded, escalated to the fallback approver, then expires; the requester is told each time", async () => {
    const { id } = await pendingRequest(500, "U0AGENT", timed);
    await eventually(async () => (await timed.db.refundRequest.findUnique({ where: { id } }))?.state === "expired", 15_000, "expiry");
    expect(await actions(id)).toEqual(["filed", "decided", "reminder_sent", "escalated", "expired"]);
    const told = () => slack.calls.filter((c) => c.method === "chat.postMessage" && c.body.channel === "U0AGENT" && String(c.body.text).includes(`RD-${id}`)).map((c) => String(c.body.text));
    await eventually(async () => told().length >= 3 || undefined, 10_000, "three messages to the requester");
    const reminder = slack.calls.find((c) => c.method === "chat.postMessage" && c.body.channel === APPROVALS_CHANNEL && String(c.body.text).includes(`RD-${id} is still waiting`));
    expect(String(reminder?.body.text)).toContain("<@U0BOSS1>");
    expect(String(reminder?.body.text)).not.toContain("<@U0AGENT>"); // not the requester
    expect(slack.calls.some((c) => c.method === "chat.postMessage" && c.body.channel === "U0FALLBACK" && String(c.body.text).includes("Escalated"))).toBe(true);
    expect(told()).toEqual([expect.stringContaining("reminded"), expect.stringContaining("escalated"), expect.stringContaining("expired")]);
    expect(await giveVerdict(timed, { requestId: id, userId: "U0BOSS1", verdict: "approve" })).toMatchObject({ done: false, message: expect.stringContaining("expired") });
  });

  it("the timers are kept in Postgres: they survive the worker that filed the request, and Redis losing everything", async () => {
    const { id } = await pendingRequest(600, "U0AGENT", timed);
    expect((await timed.db.refundRequest.findUniqueOrThrow({ where: { id } })).approvalTimerAt).not.toBeNull();
    await timedWorkers.close();
    await deleteKeysMatching(timed.redis, `${timed.config.queuePrefix}:*`);
    timedWorkers = await startWorkers(timed);
    await eventually(async () => (await timed.db.refundRequest.findUnique({ where: { id } }))?.state === "expired", 15_000, "expiry after a restart");
    expect(await actions(id)).toEqual(["filed", "decided", "reminder_sent", "escalated", "expired"]);
    // Leaving awaiting_approval clears them: the pass looks at it no more.
    expect((await timed.db.refundRequest.findUniqueOrThrow({ where: { id } })).approvalTimerAt).toBeNull();
  });
});
