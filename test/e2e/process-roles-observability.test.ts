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
});
