import { describe, expect, it } from "vitest";
import { approvalTimerPlan, firstLookAfterMs, RECHECK_AFTER_LAST_MS } from "../../../src/domain/approval-timer-plan";

const H = 3_600_000;
const timers = { remindAfterMs: 1 * H, escalateAfterMs: 2 * H, expireAfterMs: 3 * H };
const since = new Date("2026-11-26T10:00:00Z");
const at = (hours: number) => new Date(since.getTime() + hours * H);

describe("approvalTimerPlan", () => {
  it("right after a request starts to wait: nothing due, look again when the reminder is", () => {
    expect(approvalTimerPlan(since, since, timers)).toEqual({ due: [], nextAt: at(1) });
  });

  it("queues every stage whose time has come, and looks again at the next one", () => {
    expect(approvalTimerPlan(since, at(1), timers)).toEqual({ due: ["remind"], nextAt: at(2) });
    expect(approvalTimerPlan(since, at(2.5), timers)).toEqual({ due: ["remind", "escalate"], nextAt: at(3) });
  });

  it("once expiry is due, looks again a while later, in case the expiry job was lost", () => {
    expect(approvalTimerPlan(since, at(3), timers)).toEqual({ due: ["remind", "escalate", "expire"], nextAt: new Date(at(3).getTime() + RECHECK_AFTER_LAST_MS) });
  });

  it("follows the timers as configured now, whatever they were when the request started to wait", () => {
    expect(approvalTimerPlan(since, at(1.5), { remindAfterMs: H / 2, escalateAfterMs: 4 * H, expireAfterMs: 8 * H })).toEqual({ due: ["remind"], nextAt: at(4) });
  });
});

describe("firstLookAfterMs", () => {
  it("is when the first stage falls due, in whatever order the stages are configured", () => {
    expect(firstLookAfterMs(timers)).toBe(1 * H);
    expect(firstLookAfterMs({ remindAfterMs: 5 * H, escalateAfterMs: 2 * H, expireAfterMs: 3 * H })).toBe(2 * H);
    // The first look finds exactly that stage due, as a look right at the start would have planned.
    expect(approvalTimerPlan(since, new Date(since.getTime() + firstLookAfterMs(timers)), timers).due).toEqual(["remind"]);
  });
});
