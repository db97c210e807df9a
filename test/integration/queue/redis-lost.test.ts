import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../../src/app/services";
import { sweepStaleRequests } from "../../../src/use-cases/sweep-stale-requests";
import { startWorkers } from "../../../src/queue/start-workers";
import { queueDueApprovalTimers } from "../../../src/use-cases/queue-due-approval-timers";
import { testWorkspace } from "../../support/test-workspace";
import type { LocalWorkspace } from "../../../src/local-workspace/local-workspace";
import { APPROVALS_CHANNEL } from "../../support/app-process";
import { approve, fileAndApprove } from "../../support/execution";
import { cyberbizOrder } from "../../support/orders";
import { deleteKeysMatching } from "../../support/redis-keys";
import { eventually, testServices } from "../../support/test-services";

let slack: LocalWorkspace;
let services: Services;

beforeAll(async () => {
  slack = testWorkspace();
  await slack.start();
  services = testServices(slack.apiUrl, { REFUND_APPROVERS: "U0BOSS", STALE_REQUEST_AFTER_MS: "1000" });
});

afterAll(async () => {
  await services?.close();
  await slack?.stop();
});

/** What a Redis restarted without persistence leaves of this deployment: nothing. */
const forgetEverythingInRedis = () => deleteKeysMatching(services.redis, `${services.config.queuePrefix}:*`);

describe("after Redis lost its data, Postgres is the source of truth", () => {
  it("the sweep re-queues the Slack sync of a request whose approval message was never posted; its approval timers were never in Redis", async () => {
    const id = await fileAndApprove(services, cyberbizOrder(), { kind: "cancel", reason: "out_of_stock" }, { approve: false });
    // Its sync job was queued, then Redis restarted empty before any worker ran it.
    await forgetEverythingInRedis();
    await services.db.$executeRaw`UPDATE refund_requests SET updated_at = now() - interval '1 minute' WHERE id = ${id}`;

    const swept = await sweepStaleRequests(services, services.config.sweeps.staleAfterMs);
    expect(swept.syncs).toContain(id);
    // The timers wait in Postgres: first looked at when the reminder is due, and a pass before that leaves them.
    expect((await services.db.refundRequest.findUniqueOrThrow({ where: { id } })).approvalTimerAt).not.toBeNull();
    const pass = await queueDueApprovalTimers(services);
    expect(pass.queued.filter((q) => q.requestId === id)).toEqual([]);
    const waitingSince = (await services.db.auditEvent.findFirstOrThrow({ where: { requestId: id, toState: "awaiting_approval" } })).at;
    const row = await services.db.refundRequest.findUniqueOrThrow({ where: { id } });
    expect(row.approvalTimerAt?.getTime()).toBe(waitingSince.getTime() + services.config.approvalPolicy.timers.remindAfterMs);
    // Nothing waits in Redis for it.
    expect((await services.queues.queues.requests.getJobs(["delayed", "waiting"])).filter((job) => job.name === "approval-timer" && job.data.requestId === id)).toEqual([]);

    const workers = await startWorkers(services);
    try {
      await slack.waitFor((c) => c.method === "chat.postMessage" && c.body.channel === APPROVALS_CHANNEL && JSON.stringify(c.body.blocks ?? []).includes(`"value":"${id}"`), 15_000, "the approval message");
      await eventually(async () => {
        const row = await services.db.refundRequest.findUniqueOrThrow({ where: { id } });
        return row.threadVersion === row.version && row.approvalVersion === row.version && row.approvalTs !== null;
      }, 15_000, "the request's messages up to date");
    } finally {
      await workers.close();
    }
  });

  it("the sweep re-queues the sync of a decided request whose approval message still shows an older version", async () => {
    const id = await fileAndApprove(services, cyberbizOrder(), { kind: "cancel", reason: "out_of_stock" }, { approve: false });
    // Its approval message was posted and shows this version; then it was approved, its thread
    // message updated, and Redis lost the rest of the sync before the approval message was.
    await services.db.$executeRaw`UPDATE refund_requests SET approval_channel = ${APPROVALS_CHANNEL}, approval_ts = '1790000000.999999', approval_version = version WHERE id = ${id}`;
    await approve(services, id);
    await forgetEverythingInRedis();
    await services.db.$executeRaw`UPDATE refund_requests SET thread_version = version, updated_at = now() - interval '1 minute' WHERE id = ${id}`;

    expect((await sweepStaleRequests(services, services.config.sweeps.staleAfterMs)).syncs).toContain(id);
    const row = await services.db.refundRequest.findUniqueOrThrow({ where: { id } });
    expect(await services.queues.queues.slack.getJob(`sync-${id}-v${row.version}`)).toBeTruthy();
  });

  it("the workers put their sweep schedulers back when Redis comes back empty", async () => {
    const workers = await startWorkers(services);
    try {
      const requests = services.queues.queues.requests;
      expect(await requests.getJobScheduler("sweep-stale-requests")).toBeTruthy();
      await forgetEverythingInRedis();
      expect(await requests.getJobScheduler("sweep-stale-requests")).toBeFalsy();
      // The connection drops and comes back, as it does when Redis restarts.
      services.redis.disconnect(true);
      await eventually(async () => Boolean(await requests.getJobScheduler("sweep-stale-requests")) && Boolean(await services.queues.queues.execution.getJobScheduler("sweep-stalled-executions")), 10_000, "the schedulers back");
    } finally {
      await workers.close();
    }
  });
});
