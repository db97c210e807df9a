import { readFileSync } from "node:fs";

/** Samples the resident memory of processes by pid (Linux /proc), keeping the largest value seen. */
export class RssSampler {
  private timer?: NodeJS.Timeout;
  maxMb = 0;
  readonly byPid = new Map<number, number>();
  /** The largest value since the last `phaseMax()`, over every process. */
  private sincePhase = 0;

  constructor(private readonly pids: () => number[]) {}

  start(everyMs = 200): void {
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.sample();
  }

  /** The largest resident memory since the previous call: what one phase of the run took. */
  phaseMax(): number {
    this.sample();
    const max = this.sincePhase;
    this.sincePhase = 0;
    return max;
  }

  private sample(): void {
    for (const pid of this.pids()) {
      try {
        const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
        if (!match) continue;
        const mb = Number(match[1]) / 1024;
        this.byPid.set(pid, Math.max(this.byPid.get(pid) ?? 0, mb));
        this.maxMb = Math.max(this.maxMb, mb);
        this.sincePhase = Math.max(this.sincePhase, mb);
      } catch {
        /* the process is gone */
      }
    }
  }
}
