// Run before `prisma migrate deploy` by `npm start` and `npm run db:migrate`.
import { DEFAULT_DATABASE_URL } from "../config/defaults";
import { loadDotEnv } from "../config/load-dotenv";
import { ensureDatabase } from "./ensure-database";

loadDotEnv();
const databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
try {
  if (await ensureDatabase(databaseUrl)) process.stdout.write(`Created database ${new URL(databaseUrl).pathname.slice(1)}\n`);
} catch (error) {
  const where = new URL(databaseUrl);
  process.stderr.write(`Cannot reach PostgreSQL at ${where.hostname}:${where.port || 5432}: ${(error as Error).message}\n`);
  process.exit(1);
}
