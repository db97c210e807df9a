import { Command } from "commander";

export interface Options {
  quick: boolean;
  rate: number;
  saturateRate: number;
  json?: string;
  answers?: string;
  decisions?: string;
  databaseUrl: string;
  redisUrl: string;
}

/** Seconds of offered load per phase; each phase then waits for the pipeline to drain, so no phase measures the last one's backlog. */
export interface PhaseSeconds {
  ack: number;
  saturate: number;
  latency: number;
}

export const WARM_UP_SECONDS = 5;

export function phaseSecondsFor(quick: boolean): PhaseSeconds {
  return quick ? { ack: 3, saturate: 2, latency: 3 } : { ack: 20, saturate: 10, latency: 20 };
}

/** The command line of `npm run bench`. */
export function parseOptions(): Options {
  const program = new Command("bench")
    .description("Refund Desk benchmark: ack latency, end-to-end throughput and latency, machine ceilings, memory")
    .option("--quick", "a short run (under a minute)", false)
    .option("--rate <n>", "submissions per second for the ack latency phase", (v) => Number.parseInt(v, 10), 300)
    .option("--saturate-rate <n>", "submissions per second offered in the throughput phase (above what the pipeline can take)", (v) => Number.parseInt(v, 10), 1500)
    .option("--json <file>", "also write the figures as JSON to this file")
    .option("--answers <file>", "write the ack phase's answers to this file, one JSON line each (sent at: ms after the phase began, and epoch ms; answer time, ms): to see when the slow ones came")
    .option("--decisions <file>", "write the end-to-end latency phase's decisions to this file, one JSON line each (sent at, epoch ms; ms to the decision message): to see when the late ones came")
    .option("--database-url <url>", "Postgres server to use (a bench database is created on it)", process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/refund_desk_bench")
    .option("--redis-url <url>", "Redis to use", process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379");
  program.parse();
  return program.opts<Options>();
}
