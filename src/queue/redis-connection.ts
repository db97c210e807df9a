import { Redis } from "ioredis";

export type { Redis };

/**
 * A Redis connection for BullMQ. `maxRetriesPerRequest: null` is what BullMQ's workers require:
 * during a Redis restart commands wait for the reconnection instead of failing the job.
 * `autoPipelining` sends the commands issued in one tick of the event loop in one write: for the
 * connection that adds jobs, where many requests enqueue at once (never for blocking commands).
 */
export function createRedis(url: string, name: string, { autoPipelining = false } = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, connectionName: name, lazyConnect: false, enableAutoPipelining: autoPipelining });
}
