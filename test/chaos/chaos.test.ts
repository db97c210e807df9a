import { describe, expect, it } from "vitest";
import { FAULT_KINDS, runChaos } from "./chaos-run";
import { databaseUrl } from "../support/file-database";

// The small run of the chaos suite (`npm run chaos` is the long one): 50 orders (TWD, JPY, USD; ten of
// them refunded in three requests filed at once) through the real app while workers are killed, Redis
// restarts empty, Postgres is cut off, LINE Pay and Slack fail.
describe("the chaos suite, small run", () => {
  it("loses nothing, refunds nothing twice, leaves no job stuck and every trail complete, under every kind of fault", { timeout: 300_000 }, async () => {
    const lines: string[] = [];
    const result = await runChaos({ requests: 50, seed: 42, databaseUrl: databaseUrl(), drainTimeoutMs: 150_000, log: (line) => lines.push(line) });
    const report = `${lines.join("\n")}\n${JSON.stringify({ ...result, examples: undefined }, null, 2)}\n${result.examples.join("\n")}`;
    // Every kind of fault really happened: without chaos this test cannot pass.
    for (const kind of FAULT_KINDS) expect(result.faults[kind], `${kind} injected\n${report}`).toBeGreaterThan(0);
    expect(result.faults.worker_sigkill, report).toBeGreaterThanOrEqual(2);
    expect(result.lost, report).toBe(0);
    expect(result.notCompleted, report).toBe(0);
    // 40 cancels, and two of the three refunds of each of the 10 split orders: the third did not fit.
    expect(result.submissions, report).toBe(70);
    expect(result.refusedFilings, report).toBe(10);
    expect(result.splitsWrong, report).toBe(0);
    expect(result.byState, report).toEqual({ completed: 60 });
    expect(result.duplicated, report).toBe(0);
    expect(result.missingRefunds, report).toBe(0);
    expect(result.refundsMade, report).toBe(60);
    expect(result.refundedTotalsWrong, report).toBe(0);
    expect(result.stuckJobs, report).toBe(0);
    expect(result.auditProblems, report).toBe(0);
    expect(result.slackBehind, report).toBe(0);
    expect(result.ok, report).toBe(true);
  });
});
