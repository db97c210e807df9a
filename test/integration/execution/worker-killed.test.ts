import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../../src/app/services";
import { startWorkers, type RunningWorkers } from "../../../src/queue/start-workers";
import { transitionRequest } from "../../../src/db/requests";
import { findStalledExecutions } from "../../../src/db/effects";
import { RequestLock } from "../../../src/db/request-lock";
import { STALLED_AFTER_MS, sweepStalledExecutions } from "../../../src/use-cases/sweep-stalled-executions";
import { FakeLinePay } from "../../fakes/fake-line-pay";
import { testWorkspace } from "../../support/test-workspace";
import type { LocalWorkspace } from "../../../src/local-workspace/local-workspace";
import { appEnv, startApp, type AppProcess } from "../../support/app-process";
import { actions, APPROVER, effectsOf, fileAndApprove, linePayTransactionId, settledIn, useFakeProviders } from "../../support/execution";
import { cyberbizOrder } from "../../support/orders";
import { eventually, testServices } from "../../support/test-services";

let slack: LocalWorkspace;
let linePay: FakeLinePay;
let services: Services;
let worker: AppProcess | undefined;
let workers: RunningWorkers | undefined;

beforeAll(async () => {
  slack = testWorkspace();
  linePay = new FakeLinePay();
  await Promise.all([slack.start(), linePay.start()]);
  services = testServices(slack.apiUrl);
  useFakeProviders(services, { linePay });
});

afterAll(async () => {
  await worker?.stop("SIGKILL");
  await workers?.close();
  await services?.close();
  await Promise.all([slack?.stop(), linePay?.stop()]);
});

/**
 * Sweeps as if nothing had touched the request for 90 s. Test files run in parallel on one
 * database, each with its own queues and its own scheduled sweeper (threshold STALLED_AFTER_MS,
 * 2 min): the request is made to look stalled to this file's sweep only (a 60 s threshold). The
 * Slack projection may still touch the row (storing a message's ts), so the age is set right before
 * the sweep, and the request is checked to be a candidate.
 */
async function sweepAsIfUntouched(requestId: number): Promise<number[]> {
  expect(90_000).toBeLessThan(STALLED_AFTER_MS);
  await eventually(async () => {
    await services.db.$executeRaw`UPDATE refund_requests SET updated_at = now() - interval '90 seconds' WHERE id = ${requestId}`;
    return (await findStalledExecutions(services.db, new Date(Date.now() - 60_000))).some((c) => c.id === requestId);
  }, 5_000, `request ${requestId} a candidate of the sweep`);
  return sweepStalledExecutions(services, 60_000);
}

/** Sweeps until the request is queued again (a touch by the Slack projection can make one sweep miss it). */
const sweptAgain = (requestId: number) => eventually(async () => ((await sweepAsIfUntouched(requestId)).includes(requestId) ? true : undefined), 15_000, `request ${requestId} swept`);

describe("a worker killed in the middle of an execution", () => {
  it("the next run reconciles the refund it was making and finishes without repeating any effect", async () => {
    // A worker process as production runs it (npm run start:worker), refunding at the fake LINE Pay.
    worker = await startApp({
      command: [process.execPath, "--import", "tsx", "src/entry/worker.ts"],
      readyMessage: "worker: processing jobs",
      env: appEnv(slack.apiUrl, { QUEUE_PREFIX: services.config.queuePrefix, LINEPAY_CHANNEL_ID: linePay.channelId, LINEPAY_CHANNEL_SECRET: linePay.channelSecret, LINEPAY_API_URL: linePay.apiUrl }),
    });
    expect(worker.output.join("\n")).toContain('"line_pay":"api"');

    const tx = linePayTransactionId();
    const order = cyberbizOrder({ transactionId: tx, total: 1800, pointsUsed: 60, couponCodes: [] });
    linePay.addPayment({ transactionId: tx, orderId: order.orderId, amount: 1800, currency: "TWD" });
    // LINE Pay makes the refund, then never answers: the worker is inside the refund call.
    linePay.refundThenTimeout(1);
    const id = await fileAndApprove(services, order, { kind: "cancel", reason: "out_of_stock", notifyCustomer: true });

    await eventually(async () => (await effectsOf(services, id)).refund?.status === "started" && linePay.refundsOf(tx).length === 1, 30_000, "the refund under way");
    expect(await worker.stop("SIGKILL")).toBeNull();
    worker = undefined;
    expect((await effectsOf(services, id)).cancel).toMatchObject({ status: "done", attempt: 1 });

    // Another worker, and the sweeper that finds the execution nobody is carrying out any more.
    workers = await startWorkers(services);
    await sweptAgain(id);
    await settledIn(services, id, ["completed"], 30_000);

    expect(linePay.refundCalls(tx)).toBe(1);
    expect(linePay.refundsOf(tx)).toHaveLength(1);
    const effects = await effectsOf(services, id);
    expect(effects.cancel).toMatchObject({ status: "done", attempt: 1 });
    expect(effects.refund).toMatchObject({ status: "done", alreadyDone: true, attempt: 1, reference: linePay.refundsOf(tx)[0]!.refundTransactionId });
    expect(effects.restore).toMatchObject({ status: "done", attempt: 1 });
    expect(effects.customer_notice).toMatchObject({ status: "done", attempt: 1 });
    const local = await services.db.localEffect.findMany({ where: { orderId: order.orderId } });
    expect(local.map((row) => row.kind).sort()).toEqual(["cancel", "message", "restore"]);
    expect((await actions(services, id)).filter((a) => a === "execution_started")).toHaveLength(2);
  }, 90_000);

  it("the sweeper leaves alone an execution that is running (its lock is held) or waiting for its retry", async () => {
    const order = cyberbizOrder({ paymentMethod: "credit_card", transactionId: undefined });
    const id = await fileAndApprove(services, order, { kind: "cancel", reason: "out_of_stock" }, { approve: false });
    const moved = await transitionRequest(services.db, { requestId: id, from: ["awaiting_approval"], to: "approved", action: "approved", actor: { type: "user", id: APPROVER }, detail: { approvers: [APPROVER] } });
    if (!moved.moved) throw new Error("not approved");
    const lock = await RequestLock.tryAcquire(services.config.databaseUrl, id);
    expect(lock).not.toBeNull();
    expect(await sweepAsIfUntouched(id)).not.toContain(id);
    await lock!.release();

    const later = await services.queues.queues.execution.add("execute-request", { requestId: id, version: moved.version }, { jobId: `later-${id}`, delay: 60_000 });
    expect(await sweepAsIfUntouched(id)).not.toContain(id);
    await later.remove();

    await sweptAgain(id);
    await settledIn(services, id, ["completed"]);
  });
});
