import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../../src/app/services";
import { firstLookAfterMs } from "../../../src/domain/approval-timer-plan";
import { queueDueApprovalTimers } from "../../../src/use-cases/queue-due-approval-timers";
import { testWorkspace } from "../../support/test-workspace";
import type { LocalWorkspace } from "../../../src/local-workspace/local-workspace";
import { approve, fileAndApprove } from "../../support/execution";
import { cyberbizOrder } from "../../support/orders";
import { testServices } from "../../support/test-services";

let slack: LocalWorkspace;
let services: Services;

beforeAll(async () => {
  slack = testWorkspace();
  await slack.start();
  services = testServices(slack.apiUrl, { REFUND_APPROVERS: "U0BOSS" });
});

afterAll(async () => {
  await services?.close();
  await slack?.stop();
});

const timerOf = async (id: number) => (await services.db.refundRequest.findUniqueOrThrow({ where: { id } })).approvalTimerAt;

describe("the approval timer pass", () => {
  it("first looks at a request that starts to wait when its first stage falls due, and a pass before that does not touch it", async () => {
    const firstLookMs = firstLookAfterMs(services.config.approvalPolicy.timers);
    const before = Date.now();
    const id = await fileAndApprove(services, cyberbizOrder(), { kind: "cancel", reason: "out_of_stock" }, { approve: false });
    const first = await timerOf(id);
    // Postgres's clock and this process's are the same machine's: a second either way.
    expect(first!.getTime()).toBeGreaterThanOrEqual(before + firstLookMs - 1_000);
    expect(first!.getTime()).toBeLessThanOrEqual(Date.now() + firstLookMs + 1_000);
    const pass = await queueDueApprovalTimers(services);
    expect(pass.queued.filter((q) => q.requestId === id)).toEqual([]);
    expect(await timerOf(id)).toEqual(first);
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
