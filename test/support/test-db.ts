import { createDb, type Db } from "../../src/db/client";
import { databaseUrl } from "./file-database";

/** A Prisma client on this run's test database. */
export function testDb(): Db {
  return createDb(databaseUrl(), { poolSize: 4 });
}
