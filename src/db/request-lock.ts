import pg from "pg";
import type { ExecutionLock, ExecutionLocks } from "../use-cases/ports/runtime";

/** The first key of every execution lock: Postgres advisory locks are a single namespace per database. */
const EXECUTION_LOCK_CLASS = 0x52_44_45_58; // "RDEX"

/**
 * One request's execution lock: a Postgres session-level advisory lock, held on a connection of its
 * own for as long as the request is being executed.
 *
 * Why this: Postgres holds the lock exactly as long as the session that took it. If the worker
 * process dies (SIGKILL, OOM, a lost machine), the server ends the session and the lock is free at
 * once, with no expiry to tune; a lock with a TTL (Redis) either expires under a slow LINE Pay call
 * (20 s+) and lets a second worker in, or outlives a dead worker for its whole TTL. A dedicated
 * connection (not Prisma's pool) is needed because a session lock belongs to one connection, and
 * the pool hands its connections to other queries. If that connection drops while we hold the lock,
 * `lost` turns true and the executor stops before its next provider call.
 */
export class RequestLock implements ExecutionLock {
  private lostReason?: string;

  private constructor(
    private readonly client: pg.Client,
    readonly requestId: number,
  ) {
    const onLost = (reason: string) => {
      this.lostReason ??= reason;
    };
    client.on("error", (error) => onLost(error.message));
    client.on("end", () => onLost("connection ended"));
  }

  /** The lock, or null when another session holds it (another worker is executing the request). */
  static async tryAcquire(databaseUrl: string, requestId: number): Promise<RequestLock | null> {
    const client = new pg.Client({ connectionString: databaseUrl, application_name: `refund-desk-execute-${requestId}` });
    // pg emits 'error' on a client whose connection drops, besides failing its query: without a
    // listener from the very start, a Postgres outage while the lock is being taken kills the worker.
    // The failed connect or query is what tells us; the lock's own listener takes over once held.
    client.on("error", () => undefined);
    await client.connect();
    try {
      const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1::int, $2::int) AS locked", [EXECUTION_LOCK_CLASS, requestId]);
      if (rows[0]?.locked) return new RequestLock(client, requestId);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    await client.end().catch(() => undefined);
    return null;
  }

  /** Whether any session holds the request's lock right now (for the sweeper: a held lock means a live execution). */
  static async isHeld(databaseUrl: string, requestId: number): Promise<boolean> {
    const lock = await RequestLock.tryAcquire(databaseUrl, requestId);
    if (!lock) return true;
    await lock.release();
    return false;
  }

  /** Why the lock may no longer be held, or undefined while it is. */
  get lost(): string | undefined {
    return this.lostReason;
  }

  async release(): Promise<void> {
    // Closing the session releases the lock even if the unlock fails.
    await this.client.query("SELECT pg_advisory_unlock($1::int, $2::int)", [EXECUTION_LOCK_CLASS, this.requestId]).catch(() => undefined);
    await this.client.end().catch(() => undefined);
  }
}

/** The execution locks of the requests in the database at `databaseUrl` (the use cases' `ExecutionLocks`). */
export function executionLocks(databaseUrl: string): ExecutionLocks {
  return {
    tryAcquire: (requestId) => RequestLock.tryAcquire(databaseUrl, requestId),
    isHeld: (requestId) => RequestLock.isHeld(databaseUrl, requestId),
  };
}
