import { z } from "zod";
import { CliError } from "../cli/cli-error";
import type { CliStore } from "../cli/cli-store";
import { DEFAULT_DATABASE_URL } from "../config/defaults";
import { loadDotEnv } from "../config/load-dotenv";
import { createDb } from "../db/client";
import { upsertOrders } from "../db/orders";
import { reportRows } from "../db/report-query";

/** The CLI needs only the database: it runs without any Slack settings. */
export function openCliStore(): CliStore {
  loadDotEnv();
  const url = z.url({ protocol: /^postgres(ql)?$/ }).safeParse(process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
  if (!url.success) throw new CliError("DATABASE_URL: expected a URL such as postgresql://user@host:5432/db");
  const db = createDb(url.data, { poolSize: 2 });
  return {
    upsertOrders: (orders) => upsertOrders(db, orders),
    reportRows: (from, to) => reportRows(db, from, to),
    close: () => db.$disconnect(),
  };
}
