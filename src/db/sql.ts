import pg from "pg";

/**
 * Plain SQL on node-postgres, for the few statements every request runs (filing, deciding, the
 * Slack projection): named statements are prepared once per connection, and nothing stands
 * between the query and the driver. Prisma keeps the schema, the migrations and everything else.
 */
export interface Sql {
  /**
   * Prepared once per connection under `name`, so Postgres parses and analyses it once; planned for
   * its values on every run (`SQL_SESSION_OPTIONS`). For statements whose best plan depends on their
   * values or on how many rows a condition picks.
   */
  rows<T>(name: string, text: string, values?: readonly unknown[]): Promise<T[]>;
  /**
   * As `rows`, but planned once per connection too (`BY_KEY_SESSION_OPTIONS`): for statements that
   * read and write rows only by their keys, whose one good plan is the same for any values.
   */
  byKey<T>(name: string, text: string, values?: readonly unknown[]): Promise<T[]>;
  /**
   * Runs `work` in one transaction on one connection of `rows`'s pool: committed when it returns,
   * rolled back when it throws. For statements that must hold row locks together (`FOR UPDATE`).
   */
  transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  end(): Promise<void>;
}

/** The statements of one transaction, each named and planned as `Sql.rows`'s. */
export interface SqlTransaction {
  rows<T>(name: string, text: string, values?: readonly unknown[]): Promise<T[]>;
}

/**
 * Rows of values as one array per column, in the column's order: the parameters of a statement that
 * reads many rows at once through `unnest($1::…[], $2::…[], …)`. Every row has the same columns.
 */
export function columnsOf(rows: readonly (readonly unknown[])[]): unknown[][] {
  return (rows[0] ?? []).map((_, column) => rows.map((row) => row[column]));
}

/**
 * Every connection runs without JIT compilation: these are short statements, and Postgres compiled
 * the batched ones with LLVM whenever their estimated cost passed `jit_above_cost`.
 */
export const SESSION_OPTIONS = "-c jit=off";

/**
 * The connections of `rows` plan every statement for its values (custom plans): a kept (generic)
 * plan made when a table was small can be a sequential scan that stays as the table grows. The
 * statements that read and write by key only go through `byKey` instead (`BY_KEY_SESSION_OPTIONS`).
 */
export const SQL_SESSION_OPTIONS = `${SESSION_OPTIONS} -c plan_cache_mode=force_custom_plan`;

/**
 * The key lookups on every request's path (a submission's order, its filing, the Slack projection's
 * read and record) keep the plan made at their first run on a connection: planning them for their
 * values was much of their Postgres CPU. A kept plan is made from the tables' sizes at that moment,
 * so these connections can plan nothing but lookups by index: with sequential scans, hash and merge
 * joins off, a plan made when a table was small cannot be a walk over it later.
 * `query-plans.test.ts` checks every statement sent here on a near-empty database.
 */
export const BY_KEY_SESSION_OPTIONS = `${SESSION_OPTIONS} -c plan_cache_mode=force_generic_plan -c enable_seqscan=off -c enable_hashjoin=off -c enable_mergejoin=off`;

/**
 * How long a pool keeps a connection that nobody uses. pg's default closed connections in the lulls
 * of a steady load and opened new ones at the next burst: each a new Postgres backend, its caches
 * warmed and every prepared statement parsed again. A pool still holds at most its `max`.
 */
const IDLE_CONNECTION_MS = 5 * 60_000;

/** The timeouts of every pool of a process: these, Prisma's (`client.ts`). */
export const POOL_TIMEOUTS = { connectionTimeoutMillis: 5_000, idleTimeoutMillis: IDLE_CONNECTION_MS } as const;

/** Postgres's bigint (int8): pg gives it as text, for values beyond 2^53. */
const INT8_OID = 20;

/**
 * Money is kept in bigint columns, and every amount is bounded at the edge to JavaScript's safe
 * integers: these statements read it as a number. A value past that bound is refused, never rounded.
 */
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`bigint ${text} is beyond JavaScript's safe integers`);
  return value;
}

const SQL_TYPES = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => (oid === INT8_OID && format !== "binary" ? parseInt8 : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser,
};

function pool(connectionString: string, max: number, options: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, ...POOL_TIMEOUTS, options, types: SQL_TYPES });
  // A connection that drops while idle (Postgres restarted) is replaced; it must not crash the process.
  pool.on("error", () => undefined);
  return pool;
}

async function run<T>(on: pg.Pool | pg.PoolClient, name: string, text: string, values: readonly unknown[]): Promise<T[]> {
  return (await on.query({ name, text, values: [...values] })).rows as T[];
}

async function inTransaction<T>(pool: pg.Pool, work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work({ rows: (name, text, values = []) => run(client, name, text, values) });
    await client.query("COMMIT");
    client.release();
    return result;
  } catch (error) {
    // A connection whose rollback fails is in an unknown state: the pool drops it rather than reuse it.
    const rolledBack = await client.query("ROLLBACK").then(
      () => true,
      () => false,
    );
    client.release(rolledBack ? undefined : (error as Error));
    throw error;
  }
}

/** `max` connections for the key lookups, the busiest, and half as many for the other statements. */
export function createSql(connectionString: string, max: number): Sql {
  const planned = pool(connectionString, Math.max(2, Math.ceil(max / 2)), SQL_SESSION_OPTIONS);
  const byKey = pool(connectionString, max, BY_KEY_SESSION_OPTIONS);
  return {
    rows: (name, text, values = []) => run(planned, name, text, values),
    byKey: (name, text, values = []) => run(byKey, name, text, values),
    transaction: (work) => inTransaction(planned, work),
    end: async () => {
      await Promise.all([planned.end(), byKey.end()]);
    },
  };
}
