// Where the CPU goes at a steady rate, not saturated: starts one web and one worker, sends N signed
// request-modal submissions at RATE per second, waits WAITMS for the decisions, and prints the
// answer times (all, and from 1 s and 2 s on: the first second pays for opening pools and compiling)
// and the CPU each process spent per request, with the Slack calls made. Needs the benchmark's
// database (`npm run bench` made it). Usage:
//   npx tsx bench/tools/cpu-at-rate.mts [RATE=300] [WAITMS=4000]
// The processes run as `npm run start:web` / `start:worker` would start them (their heap limits).
// Environment: N (submissions, default 4500), BENCH_DATABASE_URL (the benchmark's database, as in
// `npm run bench`), NODE_FLAGS (added to both processes' node flags),
// NO_WORKER=1 (the web alone), ANSWERS_FILE (writes each answer's send time, in ms into the run and as epoch ms, and its duration, as
// JSON lines: to see whether the slow ones come together).
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { cpuMs, programCpuMs } from "../cpu-time";
import { commandOf } from "../npm-script-command";
import { SlackSender, formBody } from "../slack-client";
import { startApp, type AppProcess } from "../../test/support/process-runner";
import { LocalWorkspace } from "../../src/local-workspace/local-workspace";
import { createDb } from "../../src/db/client";
import { upsertOrders } from "../../src/db/orders";
import { orderSchema } from "../../src/domain/order";
import { buildRequestModal } from "../../src/slack/views/request-modal";
import { wordsFor } from "../../src/presentation/words";

const rate = Number(process.argv[2] ?? 300);
const waitMs = Number(process.argv[3] ?? 4000);
const databaseUrl = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/refund_desk_bench";
const secret = "bench-signing-secret-0123456789";
const tag = Date.now().toString(36);

const db = createDb(databaseUrl);
const orders = Array.from({ length: Number(process.env.N ?? 4500) }, (_, i) =>
  orderSchema.parse({ platform: "cyberbiz", orderId: `R${tag}${i}`, status: "shipped", paymentMethod: "line_pay", transactionId: "2026000000000000001", currency: "TWD", total: 1200, createdAt: new Date(Date.now() - 86_400_000).toISOString() }),
);
await upsertOrders(db, orders);
await db.$disconnect();

const slackCalls = new Map<string, number>();
const slack = new LocalWorkspace({ botToken: "xoxb-bench", keep: false, record: false, onCall: (call) => slackCalls.set(call.method, (slackCalls.get(call.method) ?? 0) + 1) });
await slack.start();
const env = {
  ...process.env, NODE_ENV: "production", LOG_LEVEL: "info", DOTENV_PATH: "/nonexistent", DATABASE_URL: databaseUrl, QUEUE_PREFIX: `rate-${tag}`, METRICS_PORT: "0",
  SLACK_BOT_TOKEN: "xoxb-bench", SLACK_SIGNING_SECRET: secret, SLACK_API_URL: slack.apiUrl, REFUND_REQUESTS_CHANNEL: "C0REQ", PORT: "0", SLACK_JOBS_PER_SECOND: "100000",
};
const extraFlags = process.env.NODE_FLAGS?.split(" ").filter(Boolean) ?? [];
const start = (script: string, readyMessage: string) => {
  const { command, env: scriptEnv } = commandOf(script);
  // Added after the script's own flags, so that they win; the last word is the entry file.
  return startApp({ command: [...command.slice(0, -1), ...extraFlags, command.at(-1)!], env: { ...env, ...scriptEnv }, readyMessage, maxLines: 50 });
};
const web = await start("start:web", "web: listening");
const worker: AppProcess | undefined = process.env.NO_WORKER ? undefined : await start("start:worker", "worker: processing jobs");

const bodies = orders.map((order) => {
  const view = buildRequestModal(wordsFor("en"), { order, command: "refund", channelId: "C1", initiator: "store", kind: "refund" });
  const values = { initiator: { initiator_choice: { selected_option: { value: "store" } } }, kind: { kind_choice: { selected_option: { value: "refund" } } }, reason_store_refund: { reason_choice: { selected_option: { value: "defective_item" } } }, amount: { amount_input: { value: "500" } } };
  const payload = { type: "view_submission", team: { id: "T1" }, user: { id: "U0AGENT", team_id: "T1" }, api_app_id: "A", token: "x", trigger_id: "t", view: { ...view, id: `V${randomUUID()}`, team_id: "T1", app_id: "A", bot_id: "B", hash: "h", state: { values } } };
  return formBody({ payload: JSON.stringify(payload) });
});

const sender = new SlackSender(web.baseUrl, secret);
// The app's processes outlive this one if it throws: stop them whatever happens.
try {
  const cpuNow = () => ({ web: cpuMs(web.child.pid!), worker: worker ? cpuMs(worker.child.pid!) : 0, postgres: programCpuMs("postgres"), redis: programCpuMs("redis-server"), driver: (process.cpuUsage().user + process.cpuUsage().system) / 1000 });
  const before = cpuNow();
  const answers: { sentMs: number; ms: number }[] = [];
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < bodies.length; i++) {
    const wait = started + (i * 1000) / rate - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const sentMs = performance.now() - started;
    inFlight.push(sender.sendBody(bodies[i]!).then(({ ms }) => void answers.push({ sentMs, ms })));
  }
  await Promise.all(inFlight);
  await new Promise((r) => setTimeout(r, waitMs));
  const after = cpuNow();

  for (const fromMs of [0, 1000, 2000]) {
    const ms = answers.filter((a) => a.sentMs >= fromMs).map((a) => a.ms).sort((a, b) => a - b);
    if (ms.length === 0) continue;
    const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(ms.length * q))]!.toFixed(1);
    console.log(`answers sent from ${fromMs / 1000} s: ${ms.length}, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms`);
  }
  // sentAt: epoch ms, to set the answers beside another process's log (a GC log, say).
  if (process.env.ANSWERS_FILE) writeFileSync(process.env.ANSWERS_FILE, answers.map((a) => JSON.stringify({ ...a, sentAt: Math.round(performance.timeOrigin + started + a.sentMs) })).join("\n") + "\n");
  const perRequest = (name: keyof ReturnType<typeof cpuNow>) => ((after[name] - before[name]) / bodies.length).toFixed(3);
  console.log(`CPU ms per request: web ${perRequest("web")}, worker ${perRequest("worker")}, postgres ${perRequest("postgres")}, redis ${perRequest("redis")}, driver and fake Slack ${perRequest("driver")}`);
  console.log(`Slack calls: ${JSON.stringify(Object.fromEntries(slackCalls))}`);
} finally {
  sender.close();
  await web.stop();
  await worker?.stop();
  await slack.stop();
}
