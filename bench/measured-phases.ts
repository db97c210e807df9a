import { writeFileSync } from "node:fs";
import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";
import type { AppProcess } from "../test/support/process-runner";
import { BENCH_METRICS_TOKEN } from "./bench-app";
import { cpuMs, programCpuMs } from "./cpu-time";
import { runPhase, type PhaseResult } from "./open-loop-phase";
import { WARM_UP_SECONDS, type Options, type PhaseSeconds } from "./options";
import type { QueueWatch } from "./queue-watch";
import type { RssSampler } from "./rss-sampler";
import { slackAnswerBuckets, type AnswerBuckets } from "./server-answer-times";
import type { SlackSender } from "./slack-client";
import { submissionsFor, type BenchOrders, type Submissions } from "./submissions";

/** What every measured phase uses: the sender, the decisions seen, the queues and the memory watched. */
export interface PhaseTools {
  options: Options;
  phaseSeconds: PhaseSeconds;
  sender: SlackSender;
  decisions: Map<string, number>;
  quiet: QueueWatch;
  rss: RssSampler;
  log: (line: string) => void;
}

/** Waits for the pipeline to drain after a phase; says how long it took and the largest RSS in the phase. */
async function drained({ quiet, rss, log }: PhaseTools): Promise<void> {
  log(`drained in ${await quiet.untilQuiet()} s; largest RSS in the phase ${Math.round(rss.phaseMax())} MB`);
}

/** CPU used so far by the web, the worker, Postgres, Redis, the driver and the fake Slack, in ms, in that order. */
export function cpuCounter(processes: AppProcess[], fakeSlackPid: number): () => number[] {
  return () => [...processes.map((p) => cpuMs(p.child.pid!)), programCpuMs("postgres"), programCpuMs("redis-server"), process.cpuUsage().user / 1000 + process.cpuUsage().system / 1000, cpuMs(fakeSlackPid)];
}

export interface AckResults {
  warmUp: PhaseResult;
  ack: PhaseResult;
  /** How late the driver's own event loop ran during the ack phase. */
  driverDelay: IntervalHistogram;
  /** The web's own timing of its answers, before and after the ack phase. */
  answersBefore: AnswerBuckets;
  answersAfter: AnswerBuckets;
}

/** The warm-up, then the ack latency phase, both at `--rate`. */
export async function ackPhases(tools: PhaseTools, orders: BenchOrders, webBaseUrl: string): Promise<AckResults> {
  const { options, phaseSeconds, sender, decisions, log } = tools;
  // The warm-up runs at the measured rate, long enough that pools are open, hot paths compiled and
  // heaps collected at their working size before the phase: a shorter or slower one left that to
  // the phase's first seconds, whose answers then made its p99. Its own p99 is printed apart.
  // The ack phase's submissions are built now, so that the driver collects what building them left
  // during the warm-up rather than in the phase's first answers.
  const warmUpSubmissions = submissionsFor(orders.warmUp, options.rate, WARM_UP_SECONDS);
  const ackSubmissions = submissionsFor(orders.ack, options.rate, phaseSeconds.ack);
  log(`warm-up: ${options.rate}/s for ${WARM_UP_SECONDS} s, measured apart`);
  const warmUp = await runPhase(sender, decisions, warmUpSubmissions, options.rate, 60_000);
  await drained(tools);
  log(`ack latency: ${options.rate}/s for ${phaseSeconds.ack} s`);
  // The driver also serves the fake Slack: how late its own event loop ran says whether it, not the bot, slowed the answers it timed.
  const driverDelay = monitorEventLoopDelay({ resolution: 5 });
  driverDelay.enable();
  const answersBefore = await slackAnswerBuckets(webBaseUrl, BENCH_METRICS_TOKEN);
  const ack = await runPhase(sender, decisions, ackSubmissions, options.rate, 300_000);
  const answersAfter = await slackAnswerBuckets(webBaseUrl, BENCH_METRICS_TOKEN);
  if (options.answers) writeFileSync(options.answers, ack.answers.map((a) => JSON.stringify(a)).join("\n") + "\n");
  driverDelay.disable();
  await drained(tools);
  return { warmUp, ack, driverDelay, answersBefore, answersAfter };
}

export interface ThroughputResult {
  saturated: PhaseResult;
  /** CPU ms per request decided, by process (as cpuCounter orders them). */
  cpuByProcess: number[];
  throughput: number;
  /** 80 % of the throughput: the latency phase's rate. */
  latencyRate: number;
  latencySubmissions: Submissions;
}

/** The throughput phase: open loop at `--saturate-rate`, above what the pipeline can take. */
export async function throughputPhase(tools: PhaseTools, orders: BenchOrders, cpuOf: () => number[]): Promise<ThroughputResult> {
  const { options, phaseSeconds, sender, decisions, log } = tools;
  log(`throughput: open loop at ${options.saturateRate}/s for ${phaseSeconds.saturate} s`);
  const maxSubmissions = submissionsFor(orders.max, options.saturateRate, phaseSeconds.saturate);
  // CPU spent per request decided in this phase, by the bot's processes and by what shares the machine with them.
  const cpuBefore = cpuOf();
  const saturated = await runPhase(sender, decisions, maxSubmissions, options.saturateRate, 300_000);
  const cpuByProcess = cpuOf().map((ms, i) => (ms - cpuBefore[i]!) / Math.max(1, saturated.e2e.length));
  const throughput = saturated.decidedPerSecond;
  const latencyRate = Math.max(1, Math.round(throughput * 0.8));
  // Built before the drain, not inside the phase's CPU count, and so that the driver's collection
  // of what building left is over before the phase starts.
  const latencySubmissions = submissionsFor(orders.latency, latencyRate, phaseSeconds.latency);
  await drained(tools);
  return { saturated, cpuByProcess, throughput, latencyRate, latencySubmissions };
}

export interface LatencyResult {
  latency: PhaseResult;
  /** CPU ms per request decided at the latency phase's rate, by process. */
  cpuByProcess: number[];
}

/** The end-to-end latency phase, at 80 % of the throughput measured. */
export async function latencyPhase(tools: PhaseTools, { throughput, latencyRate, latencySubmissions }: ThroughputResult, cpuOf: () => number[]): Promise<LatencyResult> {
  const { options, phaseSeconds, sender, decisions, log } = tools;
  log(`end-to-end latency: ${latencyRate}/s (80 % of ${Math.round(throughput)}/s) for ${phaseSeconds.latency} s`);
  const latencyCpuBefore = cpuOf();
  const latency = await runPhase(sender, decisions, latencySubmissions, latencyRate, 300_000);
  // Fewer requests go together at 80 % of the rate than when saturated, so each costs more: this says how much of the machine that rate took.
  const cpuByProcess = cpuOf().map((ms, i) => (ms - latencyCpuBefore[i]!) / Math.max(1, latency.e2e.length));
  if (options.decisions) writeFileSync(options.decisions, latency.decided.map((d) => JSON.stringify(d)).join("\n") + "\n");
  await drained(tools);
  return { latency, cpuByProcess };
}
