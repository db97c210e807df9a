import { Redis } from "ioredis";

export type { Redis };

/**
 * A Redis connection for BullMQ. `maxRetriesPerRequest: null` is what BullMQ's workers require:
 * during a Redis restart commands wait for the reconnection instead of failing the job.
 */
export function createRedis(url: string, name: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, connectionName: name, lazyConnect: false });
}
