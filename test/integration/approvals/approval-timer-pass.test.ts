import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../../src/app/services";
import { queueDueApprovalTimers } from "../../../src/use-cases/queue-due-approval-timers";
import { FakeSlackApi } from "../../fakes/fake-slack-api";
import { approve, fileAndApprove } from "../../support/execution";
import { cyberbizOrder } from "../../support/orders";
import { testServices } from "../../support/test-services";

let slack: FakeSlackApi;
let services: Services;

beforeAll(async () => {
  slack = new FakeSlackApi();
  await slack.start();
  services = testServices(slack.apiUrl, { REFUND_APPROVERS: "U0BOSS" });
});

afterAll(async () => {
  await services?.close();
  await slack?.stop();
});

const timerOf = async (id: number) => (await services.db.refundRequest.findUniqueOrThrow({ where: { id } })).approvalTimerAt;

describe("the approval timer pass", () => {
  it("looks at a request that starts to wait once, then not before its reminder is due", async () => {
    const id = await fileAndApprove(services, cyberbizOrder(), { kind: "cancel", reason: "out_of_stock" }, { approve: false });
    expect(await timerOf(id)).not.toBeNull();
    const first = await queueDueApprovalTimers(services);
    expect(first.looked).toBeGreaterThanOrEqual(1);
    const next = await timerOf(id);
    expect(next!.getTime()).toBeGreaterThan(Date.now() + services.config.approvalPolicy.timers.remindAfterMs - 60_000);
    // Nothing due: a second pass does not touch it.
    const second = await queueDueApprovalTimers(services);
    expect(second.queued.filter((q) => q.requestId === id)).toEqual([]);
    expect(await timerOf(id)).toEqual(next);
  });

  it("clears, without queueing anything, the timers of a request that stopped waiting by a path that left them", async () => {
    const id = await fileAndApprove(services, cyberbizOrder(), { kind: "cancel", reason: "out_of_stock" }, { approve: false });
    // A move that forgot the timers (every move in the code clears them; this one is by hand).
    await services.db.$executeRaw`UPDATE refund_requests SET state = 'denied', approval_timer_at = now() - interval '1 hour' WHERE id = ${id}`;
    const pass = await queueDueApprovalTimers(services);
    expect(pass.queued.filter((q) => q.requestId === id)).toEqual([]);
    expect(await timerOf(id)).toBeNull();
  });

  it("is cleared by the move out of awaiting_approval", async () => {
    const id = await fileAndApprove(services, cyberbizOrder(), { kind: "cancel", reason: "out_of_stock" }, { approve: false });
    expect(await timerOf(id)).not.toBeNull();
    await approve(services, id);
    expect(await timerOf(id)).toBeNull();
  });
});
