import type { Db } from "./client";

/** Remembers a Slack post in the `slack_posts` ledger by its key; a second record of the same key changes nothing. */
export async function rememberPost(db: Db, key: string, channel: string, ts: string): Promise<void> {
  await db.sql.byKey("remember_post", REMEMBER_POST_SQL, [key, channel, ts]);
}

/** Exported for the test of its plan. */
export const REMEMBER_POST_SQL = "INSERT INTO slack_posts (key, channel, ts) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING";
