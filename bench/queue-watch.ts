import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { QUEUE_NAMES } from "../src/queue/job-definitions";

/** The bot's queues, seen from outside: lets a phase wait until the pipeline has drained. */
export class QueueWatch {
  private readonly connection: Redis;
  private readonly queues: Queue[];

  constructor(redisUrl: string, prefix: string) {
    this.connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
    this.queues = QUEUE_NAMES.map((name) => new Queue(name, { connection: this.connection, prefix }));
  }

  /** Jobs ready or running (delayed ones, e.g. approval reminders hours away, do not count). */
  async busy(): Promise<number> {
    const counts = await Promise.all(this.queues.map((q) => q.getJobCounts("waiting", "active", "prioritized", "waiting-children")));
    return counts.reduce((sum, c) => sum + Object.values(c).reduce((a, b) => a + b, 0), 0);
  }

  /** Waits (at most `timeoutMs`) until no job is ready or running twice in a row; answers the seconds it took. */
  async untilQuiet(timeoutMs = 300_000): Promise<number> {
    const started = performance.now();
    let quietChecks = 0;
    while (performance.now() - started < timeoutMs && quietChecks < 2) {
      quietChecks = (await this.busy()) === 0 ? quietChecks + 1 : 0;
      await new Promise((r) => setTimeout(r, 200));
    }
    return Math.round((performance.now() - started) / 100) / 10;
  }

  async close(): Promise<void> {
    await Promise.all(this.queues.map((q) => q.close()));
    await this.connection.quit();
  }
}
