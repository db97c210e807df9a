import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { defineConfig } from "prisma/config";
import { DEFAULT_DATABASE_URL } from "./src/config/defaults";
import { loadDotEnv } from "./src/config/load-dotenv";

loadDotEnv();
// The schema's datasource reads DATABASE_URL; the CLI fails without it, so fall back to the local default.
process.env.DATABASE_URL ??= DEFAULT_DATABASE_URL;

/**
 * Works around prisma/orm#27403: through the pg adapter the WASM schema engine cannot decode
 * the catalog types "char" (oid 18) and name (oid 19). Reporting them as text (oid 25) is enough.
 * Used by the CLI (migrate, generate) only; the app's client does not need it.
 */
const CATALOG_TYPES_AS_TEXT = new Set([18, 19]);
type QueryResultLike = { fields?: { dataTypeID: number }[] };
function asText<T>(result: T): T {
  for (const field of (result as QueryResultLike)?.fields ?? []) {
    if (CATALOG_TYPES_AS_TEXT.has(field.dataTypeID)) field.dataTypeID = 25;
  }
  return result;
}
class CatalogTextClient extends pg.Client {
  // pg.Pool calls query() with a callback; the adapter may call it with a promise: patch both.
  override query(...args: unknown[]): never {
    const last = args.at(-1);
    if (typeof last === "function") {
      args[args.length - 1] = (err: unknown, result: unknown) => (last as (e: unknown, r: unknown) => void)(err, err ? result : asText(result));
      return (super.query as (...a: unknown[]) => never)(...args);
    }
    const out = (super.query as (...a: unknown[]) => unknown)(...args);
    return (out instanceof Promise ? out.then(asText) : out) as never;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  async adapter() {
    return new PrismaPg({ connectionString: process.env.DATABASE_URL, Client: CatalogTextClient });
  },
});
