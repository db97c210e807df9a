import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Services } from "../../../src/app/services";
import { testServices } from "../../support/test-services";

let services: Services;

beforeAll(() => {
  services = testServices("http://127.0.0.1:9/api/");
});

afterAll(async () => {
  await services?.close();
});

describe("JobQueues.enqueue, on real Redis", () => {
  it("queues a windowed job once per window and process: the next changes in the window skip the round trip", async () => {
    const add = vi.spyOn(services.queues.queues.slack, "add");
    for (let i = 0; i < 5; i++) await services.queues.enqueue("refresh-homes", {});
    const calls = add.mock.calls.length;
    // One add, or two when the five calls straddle the end of a one-second window.
    expect(calls).toBeGreaterThanOrEqual(1);
    expect(calls).toBeLessThanOrEqual(2);
    const delayed = (await services.queues.queues.slack.getDelayed()).filter((j) => j.name === "refresh-homes");
    expect(delayed.length).toBe(calls);
    // Once the window's job is due, a change queues the next window's job.
    await new Promise((r) => setTimeout(r, 1_100));
    await services.queues.enqueue("refresh-homes", {});
    expect(add.mock.calls.length).toBe(calls + 1);
    add.mockRestore();
  });

  it("adds a job that is not windowed every time (BullMQ's job id keeps it single in Redis)", async () => {
    const add = vi.spyOn(services.queues.queues.requests, "add");
    await services.queues.enqueue("evaluate-request", { requestId: 987_654 });
    await services.queues.enqueue("evaluate-request", { requestId: 987_654 });
    expect(add).toHaveBeenCalledTimes(2);
    expect((await services.queues.queues.requests.getWaiting()).filter((j) => j.data.requestId === 987_654)).toHaveLength(1);
    add.mockRestore();
  });

  it("queues one report per command run: the same request twice is one job, the command run again another", async () => {
    const report = { userId: "U0BOSS", from: "2026-11-01T00:00:00.000Z", to: "2026-12-01T00:00:00.000Z" };
    const reports = async () => (await services.queues.queues.slack.getWaiting()).filter((j) => j.name === "send-report" && j.data.userId === "U0BOSS");
    await services.queues.enqueue("send-report", { ...report, request: "trigger.1" });
    await services.queues.enqueue("send-report", { ...report, request: "trigger.1" });
    expect(await reports()).toHaveLength(1);
    await services.queues.enqueue("send-report", { ...report, request: "trigger.2" });
    expect(await reports()).toHaveLength(2);
  });
});
