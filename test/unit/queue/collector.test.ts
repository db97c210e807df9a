import { afterEach, describe, expect, it, vi } from "vitest";
import { Collector } from "../../../src/queue/collector";

afterEach(() => {
  vi.useRealTimers();
});

describe("Collector", () => {
  it("hands on the items added within one window together, once the window ends", async () => {
    vi.useFakeTimers();
    const handed: number[][] = [];
    const collector = new Collector<number>(async (items) => void handed.push(items), 20, 100);
    const added = [collector.add(1), collector.add(2), collector.add(3)];
    expect(handed).toEqual([]);
    await vi.advanceTimersByTimeAsync(19);
    expect(handed).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await Promise.all(added);
    expect(handed).toEqual([[1, 2, 3]]);
    // The next item opens the next window.
    const next = collector.add(4);
    await vi.advanceTimersByTimeAsync(20);
    await next;
    expect(handed).toEqual([[1, 2, 3], [4]]);
  });

  it("hands on at once when a window reaches its most items", async () => {
    vi.useFakeTimers();
    const handed: number[][] = [];
    const collector = new Collector<number>(async (items) => void handed.push(items), 1_000, 2);
    await Promise.all([collector.add(1), collector.add(2)]);
    expect(handed).toEqual([[1, 2]]);
    void collector.add(3);
    expect(handed).toHaveLength(1);
  });

  it("drain hands on what waits without waiting for the window, and is harmless when nothing waits", async () => {
    const handed: number[][] = [];
    const collector = new Collector<number>(async (items) => void handed.push(items), 60_000, 100);
    const added = collector.add(7);
    await collector.drain();
    await added;
    expect(handed).toEqual([[7]]);
    await collector.drain();
    expect(handed).toEqual([[7]]);
  });

  it("rejects every add of a window whose hand-on failed, and never leaves an unhandled rejection", async () => {
    const unhandled = vi.fn();
    process.on("unhandledRejection", unhandled);
    try {
      const collector = new Collector<number>(async () => Promise.reject(new Error("redis down")), 5, 100);
      const first = collector.add(1);
      const second = collector.add(2);
      await expect(first).rejects.toThrow("redis down");
      await expect(second).rejects.toThrow("redis down");
      // Nobody waits on this one: it must not crash the process.
      void collector.add(3);
      await new Promise((r) => setTimeout(r, 30));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off("unhandledRejection", unhandled);
    }
  });
});
