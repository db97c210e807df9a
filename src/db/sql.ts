import pg from "pg";

/**
 * Plain SQL on node-postgres, for the few statements every request runs (filing, deciding, the
 * Slack projection): named statements are prepared once per connection, and nothing stands
 * between the query and the driver. Prisma keeps the schema, the migrations and everything else.
 */
export interface Sql {
  rows<T>(name: string, text: string, values?: readonly unknown[]): Promise<T[]>;
  end(): Promise<void>;
}

export function createSql(connectionString: string, max: number): Sql {
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: 5_000 });
  // A connection that drops while idle (Postgres restarted) is replaced; it must not crash the process.
  pool.on("error", () => undefined);
  return {
    async rows<T>(name: string, text: string, values: readonly unknown[] = []) {
      return (await pool.query({ name, text, values: [...values] })).rows as T[];
    },
    end: () => pool.end(),
  };
}
