import { Redis } from "ioredis";
import { startSingleProcess } from "./start-single-process";
import { DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL } from "../config/defaults";
import { loadDotEnv } from "../config/load-dotenv";
import { dropDatabase } from "../db/ensure-database";
import { DEMO_CHANNELS } from "../local-workspace/demo-workspace";
import { channelTranscript } from "../local-workspace/transcript";
import { DayPlayer, DayWentOtherwise } from "../local-workspace/script/day-player";
import { DAY } from "../local-workspace/script/day-steps";

/** Its queues are named after the configured ones: two checkouts on one Redis play apart. */
const queuePrefix = () => `${process.env.QUEUE_PREFIX?.trim() || "refund-desk"}-scripted-day`;

/** A database and queues of its own, emptied first: the day plays the same every time, beside any running workspace. */
async function freshPlace(): Promise<void> {
  const prefix = queuePrefix();
  const url = new URL(process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL);
  const name = `${decodeURIComponent(url.pathname.slice(1)) || "refund_desk"}_scripted_day`;
  url.pathname = `/${name}`;
  await dropDatabase(url.toString());
  const redis = new Redis(process.env.REDIS_URL?.trim() || DEFAULT_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== "0");
  await redis.quit();
  Object.assign(process.env, { DATABASE_URL: url.toString(), QUEUE_PREFIX: prefix, PORT: "0", LOG_LEVEL: "error" });
}

/**
 * `npm run demo -- --script`: a day at the refund desk, played against the local workspace by its
 * people (an agent, two approvers, a customer's system), step by step as written in day-steps.ts,
 * then both channels printed as text. Resolves with the exit code: 0 when every step went as
 * written.
 */
export async function playScriptedDay(out: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Promise<number> {
  loadDotEnv();
  await freshPlace();
  const run = await startSingleProcess({ migrate: true, localWorkspace: true, announce: false });
  if (!run) return 1;
  const player = new DayPlayer(run.workspace);
  const since = run.workspace.state.nextTs();
  let failed: string | undefined;
  out("A day at the refund desk, in the local workspace");
  for (const step of DAY) {
    try {
      const told = await step.play(player, run);
      out(`  ✓ ${step.title}${told ? `: ${told}` : ""}`);
    } catch (error) {
      failed = `${step.title}: ${error instanceof DayWentOtherwise ? error.message : (error as Error).stack}`;
      out(`  ✗ ${failed}`);
      break;
    }
  }
  const { state } = run.workspace;
  const names = { person: (id: string) => state.person(id)?.realName ?? id, channel: (id: string) => state.channels.get(id)?.name ?? id, now: new Date() };
  for (const channel of [DEMO_CHANNELS.requests, DEMO_CHANNELS.approvals]) out(`\n${channelTranscript(state, channel, names, { sinceTs: since })}`);
  out(failed ? `\nThe day did not go as written: ${failed}` : `\nThe day went as written: ${DAY.length} steps.`);
  return failed ? 1 : 0;
}
