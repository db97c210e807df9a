import { Redis } from "ioredis";

export type { Redis };

/**
 * A Redis connection for BullMQ. `maxRetriesPerRequest: null` is what BullMQ's workers require:
 * during a Redis restart commands wait for the reconnection instead of failing the job.
 * No automatic pipelining: it wrapped every command in a pipeline of its own, and at a moderate
 * rate few commands share a tick, so it cost the web CPU and saved nothing.
 */
export function createRedis(url: string, name: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, connectionName: name, lazyConnect: false });
}

/**
 * A Redis connection for what can do without Redis on the path of a request (the Slack replay
 * guard): a command fails at once while the connection is down (no offline queue), and after
 * `timeoutMs` when Redis does not answer, instead of waiting for it. It reconnects by itself.
 */
export function createFailFastRedis(url: string, name: string, timeoutMs = 300): Redis {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: timeoutMs, connectTimeout: 1_000, connectionName: name, lazyConnect: false });
  // Its failures are the callers' to report (each command rejects): the connection's own errors are expected while Redis is down.
  redis.on("error", () => undefined);
  return redis;
}
