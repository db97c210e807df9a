import pg from "pg";

/**
 * Plain SQL on node-postgres, for the few statements every request runs (filing, deciding, the
 * Slack projection): named statements are prepared once per connection, and nothing stands
 * between the query and the driver. Prisma keeps the schema, the migrations and everything else.
 */
export interface Sql {
  /**
   * `name`: prepared once per connection under that name, its plan kept. `null`: planned for its
   * values each time, for the statements over a batch's arrays: Postgres keeps a prepared plan once
   * it looks no worse than planning anew, and a plan kept from when a table was small (a sequential
   * scan) was kept as the table grew: seen in the benchmark, 262 million rows read from the Slack
   * ledger in one run.
   */
  rows<T>(name: string | null, text: string, values?: readonly unknown[]): Promise<T[]>;
  end(): Promise<void>;
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
 * the batched ones with LLVM whenever their estimated cost passed `jit_above_cost`: 21 % of
 * Postgres's CPU at 300 requests/s, for statements that run in a millisecond.
 */
export const SESSION_OPTIONS = "-c jit=off";

export function createSql(connectionString: string, max: number): Sql {
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: 5_000, options: SESSION_OPTIONS });
  // A connection that drops while idle (Postgres restarted) is replaced; it must not crash the process.
  pool.on("error", () => undefined);
  return {
    async rows<T>(name: string | null, text: string, values: readonly unknown[] = []) {
      return (await pool.query(name === null ? { text, values: [...values] } : { name, text, values: [...values] })).rows as T[];
    },
    end: () => pool.end(),
  };
}
