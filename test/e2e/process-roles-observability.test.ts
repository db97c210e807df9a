import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testWorkspace } from "../support/test-workspace";
import type { LocalWorkspace } from "../../src/local-workspace/local-workspace";
import { appEnv, startApp, type AppProcess } from "../support/app-process";
import { sampleValue, scrape } from "../support/prometheus";
import { eventually } from "../support/test-services";

let slack: LocalWorkspace;
const apps: AppProcess[] = [];

beforeAll(async () => {
  slack = testWorkspace();
  await slack.start();
});

afterAll(async () => {
  for (const app of apps) await app.stop();
  await slack?.stop();
});

// Started as the Procfile starts them (`npm run start:web` / `start:worker`), on the dist/ that `npm test` built
// first: `--ignore-scripts` skips their prebuild, which would race the other tests' processes.
describe("metrics and the dashboard, per process role", () => {
  it("a worker-only process serves /metrics and health on METRICS_PORT, with what a worker knows", async () => {
    const worker = await startApp({ command: ["npm", "run", "--silent", "--ignore-scripts", "start:worker"], env: appEnv(slack.apiUrl, { METRICS_PORT: "0" }), readyMessage: "worker: serving /metrics and health" });
    apps.push(worker);
    expect((await fetch(`${worker.baseUrl}/healthz`)).status).toBe(200);
    // The sweeper runs at start: a job run, timed.
    await eventually(async () => (sampleValue((await scrape(worker.baseUrl)).samples, "refund_desk_job_duration_seconds_count", { job: "sweep-stale-requests", result: "completed" }) ?? 0) >= 1, 20_000, "the sweeper's run counted");
    const { status, samples, text } = await scrape(worker.baseUrl);
    expect(status).toBe(200);
    expect(text).toContain("# TYPE refund_desk_slack_api_errors_total counter");
    // Queue depths and the approval backlog are the web process's to report: one reading per deployment, not one per worker.
    expect(samples.some((s) => s.name === "refund_desk_queue_jobs")).toBe(false);
    // Nothing else is served there.
    expect((await fetch(`${worker.baseUrl}/slack/events`, { method: "POST" })).status).toBe(404);
    expect((await fetch(`${worker.baseUrl}/admin/queues`)).status).toBe(404);
  });

  it("without ADMIN_USER and ADMIN_PASSWORD the dashboard does not exist (404), even with credentials", async () => {
    const web = await startApp({ command: ["npm", "run", "--silent", "--ignore-scripts", "start:web"], env: appEnv(slack.apiUrl) });
    apps.push(web);
    const auth = { authorization: `Basic ${Buffer.from("admin:admin-password-123").toString("base64")}` };
    for (const path of ["/admin/queues", "/admin/queues/api/queues", "/admin/queues/static/x.js"]) {
      expect((await fetch(`${web.baseUrl}${path}`)).status, path).toBe(404);
      expect((await fetch(`${web.baseUrl}${path}`, { headers: auth })).status, path).toBe(404);
    }
    expect((await fetch(`${web.baseUrl}/admin/queues/api/queues/requests/retry/failed`, { method: "PUT", headers: auth })).status).toBe(404);
    expect((await scrape(web.baseUrl)).status).toBe(200);
  });

  it("/metrics is never open on the port Slack reaches: off, behind METRICS_TOKEN, or on METRICS_PORT", async () => {
    const web = (env: Record<string, string>) => startApp({ command: ["npm", "run", "--silent", "--ignore-scripts", "start:web"], env: appEnv(slack.apiUrl, env) });
    const off = await web({ METRICS_TOKEN: "" });
    apps.push(off);
    expect((await scrape(off.baseUrl, null)).status).toBe(404);
    expect((await scrape(off.baseUrl)).status).toBe(404);

    const token = "a-scraper-token-0123456789";
    const guarded = await web({ METRICS_TOKEN: token });
    apps.push(guarded);
    expect((await scrape(guarded.baseUrl, null)).status).toBe(401);
    expect((await scrape(guarded.baseUrl, "not-the-token-0123456789")).status).toBe(401);
    const scraped = await scrape(guarded.baseUrl, token);
    expect(scraped.status).toBe(200);
    expect(scraped.text).toContain("refund_desk_queue_jobs");

    const ownPort = await web({ METRICS_TOKEN: "", METRICS_PORT: "0" });
    apps.push(ownPort);
    expect((await scrape(ownPort.baseUrl, null)).status).toBe(404);
    const line = ownPort.output.find((l) => l.includes("web: serving /metrics and health on METRICS_PORT"))!;
    const metricsUrl = `http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}`;
    expect((await scrape(metricsUrl, null)).status).toBe(200);
    expect((await fetch(`${metricsUrl}/slack/events`, { method: "POST" })).status).toBe(404);
  });
});
