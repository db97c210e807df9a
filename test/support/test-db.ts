import { inject } from "vitest";
import { createDb, type Db } from "../../src/db/client";

/** A Prisma client on this run's test database. */
export function testDb(): Db {
  return createDb(inject("databaseUrl"), { poolSize: 4 });
}
