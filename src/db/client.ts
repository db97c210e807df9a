import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";

export type Db = PrismaClient;

export interface DbOptions {
  /** Connections in the pool: each web or worker process keeps its own. */
  poolSize?: number;
}

export function createDb(databaseUrl: string, { poolSize = 10 }: DbOptions = {}): Db {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: poolSize, connectionTimeoutMillis: 5_000 });
  return new PrismaClient({ adapter });
}
