/** Node's socket errors: the database or Redis could not be reached, or the connection dropped. */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);

/** Prisma's: the server unreachable, a connection or the pool timed out, the connection closed, a write conflict or deadlock. */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2034"]);

/** Postgres SQLSTATEs worth a retry: a connection problem (08), too many connections or out of resources (53), a shutdown (57P0x), a serialization failure or deadlock (40001, 40P01). */
const TEMPORARY_SQLSTATE = /^(08|53|57P0[1-3]$|40001$|40P01$)/;

/** What pg-pool and ioredis say when they cannot give a connection or lost it. */
const TEMPORARY_MESSAGE = /timeout exceeded when trying to connect|Connection terminated|Connection is closed|Stream isn't writeable|Reached the max retries per request/i;

/**
 * Whether an error while storing means "try again later" (Postgres or Redis unreachable, a timeout,
 * a deadlock), as opposed to a request that can never be stored as it is. Looks through `cause`.
 */
export function isTemporaryFailure(error: unknown, depth = 0): boolean {
  if (typeof error !== "object" || error === null || depth > 4) return false;
  const { code, message, name, cause } = error as { code?: unknown; message?: unknown; name?: unknown; cause?: unknown };
  if (typeof code === "string" && (NETWORK_CODES.has(code) || PRISMA_CODES.has(code) || TEMPORARY_SQLSTATE.test(code))) return true;
  if (name === "MaxRetriesPerRequestError") return true;
  if (typeof message === "string" && TEMPORARY_MESSAGE.test(message)) return true;
  return isTemporaryFailure(cause, depth + 1);
}

/** A Postgres data exception (SQLSTATE class 22: a value out of range, an invalid value): the request as sent cannot be stored. */
export function isDataException(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("22");
}
