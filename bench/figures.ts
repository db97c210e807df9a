import { availableParallelism } from "node:os";
import type { AppProcess } from "../test/support/process-runner";
import type { AckResults, LatencyResult, ThroughputResult } from "./measured-phases";
import { percentile } from "./percentiles";
import type { RssSampler } from "./rss-sampler";
import { answerPercentileBoundMs } from "./server-answer-times";

/** Everything the run measured, phase by phase. */
export interface Measured {
  ack: AckResults;
  saturate: ThroughputResult;
  latency: LatencyResult;
  bulk10k: number;
  bullmq: number;
  pgInserts: number;
}

/** The figures the bench prints, by name (docs/performance.md reads them by these names). */
export function benchFigures({ ack: acks, saturate, latency: latencyPhase, bulk10k, bullmq, pgInserts }: Measured, rss: RssSampler, processes: AppProcess[], quick: boolean) {
  const { warmUp, ack, driverDelay, answersBefore, answersAfter } = acks;
  const { saturated, throughput, latencyRate } = saturate;
  const [webCpuMs, workerCpuMs, postgresCpuMs, redisCpuMs, driverCpuMs, fakeSlackCpuMs] = saturate.cpuByProcess;
  const { latency, cpuByProcess: latencyCpuByProcess } = latencyPhase;
  const latencyCpuMs = sum(latencyCpuByProcess);
  return {
    ackP50Ms: round(percentile(ack.acks, 50)),
    ackP99Ms: round(percentile(ack.acks, 99)),
    warmUpAckP99Ms: round(percentile(warmUp.acks, 99)),
    ackFailures: ack.failures,
    ackDriverLoopDelayP99Ms: round(driverDelay.percentile(99) / 1e6),
    // The same answers as the web timed them, from arrival to answer: the bound of the histogram bucket.
    ackServerP50MsAtMost: answerPercentileBoundMs(answersBefore, answersAfter, 50),
    ackServerP99MsAtMost: answerPercentileBoundMs(answersBefore, answersAfter, 99),
    e2eThroughput: round(throughput),
    e2eP50Ms: round(percentile(latency.e2e, 50)),
    e2eP99Ms: round(percentile(latency.e2e, 99)),
    e2eLatencyRate: latencyRate,
    // CPU of every process on the machine (the bot's, Postgres, Redis, the driver, the fake Slack) per request decided:
    // when saturated, and at the latency phase's rate; and the share of the machine's cores that rate needs at that cost.
    cpuMsPerRequestAll: round(sum([webCpuMs, workerCpuMs, postgresCpuMs, redisCpuMs, driverCpuMs, fakeSlackCpuMs].map((ms) => ms ?? 0)), 2),
    e2eLatencyCpuMsPerRequestAll: round(latencyCpuMs, 2),
    e2eLatencyRateOverCores: round((latencyRate * latencyCpuMs) / (availableParallelism() * 1000), 2),
    decisionsMissing: ack.sent + saturated.sent + latency.sent - ack.e2e.length - saturated.e2e.length - latency.e2e.length,
    bulk10kSeconds: round(bulk10k),
    bullmqCeiling: round(bullmq),
    pgInsertCeiling: round(pgInserts),
    throughputOverBullmqCeiling: round(throughput / bullmq, 3),
    throughputOverPgInsertCeiling: round(throughput / pgInserts, 3),
    cpuMsPerRequestWeb: round(webCpuMs ?? 0, 2),
    cpuMsPerRequestWorker: round(workerCpuMs ?? 0, 2),
    cpuMsPerRequestPostgres: round(postgresCpuMs ?? 0, 2),
    cpuMsPerRequestRedis: round(redisCpuMs ?? 0, 2),
    // The driver sends the submissions and its child serves the fake Slack: load a real deployment does not carry.
    cpuMsPerRequestDriver: round(driverCpuMs ?? 0, 2),
    // Slack's side of the three calls per request: in production another company's servers, here the same two cores.
    cpuMsPerRequestFakeSlack: round(fakeSlackCpuMs ?? 0, 2),
    // The same at the latency phase's rate: which process pays for the smaller batches.
    ...Object.fromEntries(["Web", "Worker", "Postgres", "Redis", "Driver", "FakeSlack"].map((name, i) => [`e2eLatencyCpuMsPerRequest${name}`, round(latencyCpuByProcess[i] ?? 0, 2)])),
    rssMbMax: round(rss.maxMb),
    rssMbWeb: round(rss.byPid.get(processes[0]!.child.pid!) ?? 0),
    rssMbWorker: round(rss.byPid.get(processes[1]!.child.pid!) ?? 0),
    quick,
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function printTable(figures: Record<string, unknown>): void {
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  for (const [key, value] of Object.entries(figures)) process.stdout.write(`${key.padEnd(width)}  ${String(value)}\n`);
}
