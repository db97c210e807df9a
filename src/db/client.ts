import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../generated/prisma/client";
import { releaseClientsWhoseConnectionEnds } from "./pool-guard";
import { createSql, POOL_TIMEOUTS, SESSION_OPTIONS, type Sql } from "./sql";

/** Prisma for the schema and most queries, and `sql` for the statements on every request's path. */
export type Db = PrismaClient & { sql: Sql };

export interface DbOptions {
  /** Connections in the pool: each web or worker process keeps its own. */
  poolSize?: number;
}

export function createDb(databaseUrl: string, { poolSize = 10 }: DbOptions = {}): Db {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: Math.max(2, Math.ceil(poolSize / 2)), ...POOL_TIMEOUTS, options: SESSION_OPTIONS });
  releaseClientsWhoseConnectionEnds(pool);
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  const prisma = new PrismaClient({ adapter });
  const sql = createSql(databaseUrl, poolSize);
  const disconnect = prisma.$disconnect.bind(prisma);
  // One disconnect closes both pools.
  return Object.assign(prisma, {
    sql,
    $disconnect: async () => {
      await Promise.all([disconnect(), sql.end().catch(() => undefined)]);
    },
  });
}
