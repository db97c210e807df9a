import { startApp } from "../../test/support/process-runner";
import { LocalWorkspace } from "../../src/local-workspace/local-workspace";
import { SlackSender } from "../../bench/slack-client";
import { createDb } from "../../src/db/client";
import { upsertOrders } from "../../src/db/orders";
import { orderSchema } from "../../src/domain/order";
import { buildRequestModal } from "../../src/slack/views/request-modal";
import { randomUUID } from "node:crypto";
import { wordsFor } from "../../src/presentation/words";
const which = process.argv[2] ?? "web";
const db = createDb("postgresql://postgres@127.0.0.1:5432/refund_desk_bench");
const tag = Date.now().toString(36);
const orders = Array.from({ length: Number(process.env.N ?? 3000) }, (_, i) => orderSchema.parse({ platform: "cyberbiz", orderId: `P${tag}${i}`, status: "shipped", paymentMethod: "line_pay", transactionId: "2026000000000000001", currency: "TWD", total: 1200, createdAt: new Date(Date.now() - 86400000).toISOString() }));
await upsertOrders(db, orders); await db.$disconnect();
const slack = new LocalWorkspace({ botToken: "xoxb-bench", keep: false, record: false }); await slack.start();
const env = { ...process.env, DATABASE_POOL_SIZE: process.env.POOL ?? "10", METRICS_PORT: "9464", LOG_LEVEL: process.env.LOG_LEVEL ?? "info", DOTENV_PATH: "/x", DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/refund_desk_bench", QUEUE_PREFIX: `prof-${tag}`, SLACK_BOT_TOKEN: "xoxb-bench", SLACK_SIGNING_SECRET: "bench-signing-secret-0123456789", SLACK_API_URL: slack.apiUrl, REFUND_REQUESTS_CHANNEL: "C0REQ", PORT: "0", SLACK_JOBS_PER_SECOND: "100000", WORKER_CONCURRENCY: "64" };
const prof = ["--cpu-prof", "--cpu-prof-dir=/tmp/prof"];
// The worker serves its metrics on 9464; the web serves its own on PORT, behind a token.
const webEnv = { ...env, METRICS_PORT: "", METRICS_TOKEN: "profile-metrics-token-0123" };
const web = await startApp({ command: [process.execPath, ...(which === "web" ? prof : []), "--max-semi-space-size=4", "dist/entry/web.js"], env: webEnv, readyMessage: "web: listening", maxLines: 50 });
const worker = process.env.NO_WORKER ? { stop: async () => 0 } : await startApp({ command: [process.execPath, ...(which === "worker" ? prof : []), `--max-semi-space-size=${process.env.SEMI ?? 4}`, "dist/entry/worker.js"], env, readyMessage: "worker: processing jobs", maxLines: 50 });
const sender = new SlackSender(web.baseUrl, "bench-signing-secret-0123456789");
const t0 = performance.now(); const ps = [];
for (let i = 0; i < orders.length; i++) {
  const due = t0 + i * (1000 / Number(process.argv[3] ?? 300)); const w = due - performance.now(); if (w > 1) await new Promise(r => setTimeout(r, w));
  const view = buildRequestModal(wordsFor("en"), { order: orders[i]!, command: "refund", channelId: "C1", initiator: "store", kind: "refund" });
  const payload = { type: "view_submission", team: { id: "T1" }, user: { id: "U0AGENT", team_id: "T1" }, api_app_id: "A", token: "x", trigger_id: "t", view: { ...view, id: `V${randomUUID()}`, team_id: "T1", app_id: "A", bot_id: "B", hash: "h", state: { values: { initiator: { initiator_choice: { selected_option: { value: "store" } } }, kind: { kind_choice: { selected_option: { value: "refund" } } }, reason_store_refund: { reason_choice: { selected_option: { value: "defective_item" } } }, amount: { amount_input: { value: "500" } } } } } };
  ps.push(sender.send({ payload: JSON.stringify(payload) }).then(r => r.ms));
}
const acks = await Promise.all(ps); acks.sort((a, b) => a - b);
console.log("ack p50", acks[acks.length >> 1]?.toFixed(1), "p99", acks[Math.floor(acks.length * 0.99)]?.toFixed(1), "send took", ((performance.now() - t0) / 1000).toFixed(1), "s");
await new Promise(r => setTimeout(r, Number(process.argv[4] ?? 3000)));
if (!process.env.NO_WORKER) console.log((await (await fetch("http://127.0.0.1:9464/metrics")).text()).split("\n").filter((l) => /job_duration_seconds_(sum|count)|process_resident_memory_bytes|process_cpu_(user|system)_seconds_total|nodejs_heap_size_(used|total)_bytes |nodejs_external_memory_bytes/.test(l)).join("\n"));
const memoryLines = (t: string) => t.split("\n").filter((l) => /^(process_resident_memory_bytes|nodejs_heap_size_(used|total)_bytes|nodejs_external_memory_bytes|nodejs_heap_space_size_used_bytes)/.test(l)).join("\n");
console.log("web:\n" + memoryLines(await (await fetch(`${web.baseUrl}/metrics`, { headers: { authorization: `Bearer ${webEnv.METRICS_TOKEN}` } })).text()));
await web.stop(); await worker.stop(); await slack.stop(); sender.close();
