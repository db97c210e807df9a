import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testWorkspace } from "../support/test-workspace";
import type { LocalWorkspace } from "../../src/local-workspace/local-workspace";
import { appEnv, startApp } from "../support/app-process";
import { eventually } from "../support/test-services";

const run = promisify(execFile);
let slack: LocalWorkspace;

beforeAll(async () => {
  slack = testWorkspace();
  await slack.start();
});
afterAll(() => slack.stop());

describe("starting and stopping the bot", () => {
  it("`npm start` applies migrations, serves Slack and health, and stops cleanly on Ctrl-C", async () => {
    // `npm test` built dist/ before the tests; `--ignore-scripts` skips prestart's rebuild, which would race the other tests' processes.
    const app = await startApp({ command: ["npm", "start", "--silent", "--ignore-scripts"], env: appEnv(slack.apiUrl) });
    try {
      expect(app.output.join("\n")).toMatch(/No pending migrations|migrations have been successfully applied/);
      const health = await fetch(`${app.baseUrl}/healthz`);
      expect(await health.json()).toEqual({ status: "ok" });
      const ready = await fetch(`${app.baseUrl}/readyz`);
      expect(ready.status).toBe(200);
      await slack.waitFor((c) => c.method === "auth.test", 5_000, "auth.test");
    } finally {
      // npm itself dies of the signal; what matters is that the bot under it shut down in order.
      await app.stop("SIGINT");
    }
    const log = app.output.join("\n");
    expect(log).toContain('"signal":"SIGINT","msg":"shutting down"');
    expect(log).toContain('"msg":"stopped"');
  });

  it("a signal that comes while it is still starting (its web up, its workers not yet) is acted on once it has started: in order, exit 0", async () => {
    // Stopped as soon as the web says it listens: the workers are still connecting then.
    const app = await startApp({ command: [process.execPath, "dist/entry/all.js"], env: appEnv(slack.apiUrl) });
    const code = await app.stop("SIGTERM");
    const log = app.output.join("\n");
    expect(log).toContain('"signal":"SIGTERM","msg":"shutting down"');
    expect(log).toContain('"msg":"stopped"');
    expect(code).toBe(0);
  });

  it("a worker whose start hangs (Redis unreachable) still obeys a signal: it exits 1 once the shutdown time has run out", async () => {
    const env = { ...process.env, ...appEnv(slack.apiUrl, { REDIS_URL: "redis://127.0.0.1:1", SHUTDOWN_TIMEOUT_MS: "1000" }) };
    const worker = spawn(process.execPath, ["dist/entry/worker.js"], { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    worker.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    const exited = new Promise<number | null>((resolve) => worker.once("exit", (code) => resolve(code)));
    await eventually(async () => output.includes("queue connection error"), 10_000, "the worker trying Redis");
    const signalledAt = Date.now();
    worker.kill("SIGTERM");
    expect(await exited).toBe(1);
    expect(Date.now() - signalledAt).toBeGreaterThanOrEqual(900);
    expect(output).toContain('"signal":"SIGTERM","msg":"signal received while starting: shutting down once started"');
    expect(output).toContain("still starting when the shutdown time ran out: exiting");
    expect(output).not.toContain("worker: processing jobs");
  });

  it("reports a wrong environment one line per variable, exit code 1, no stack trace", async () => {
    const env = { ...appEnv(slack.apiUrl), SLACK_BOT_TOKEN: "", REFUND_REQUESTS_CHANNEL: "general", PORT: "http" };
    const failure = await run(process.execPath, ["--import", "tsx", "src/entry/web.ts"], { env: { ...process.env, ...env } }).catch((e: { code: number; stderr: string }) => e);
    expect("code" in failure && failure.code).toBe(1);
    const lines = (failure as { stderr: string }).stderr.trim().split("\n");
    expect(lines[0]).toMatch(/cannot start/);
    expect(lines.slice(1).map((l) => l.trim().split(":")[0]).sort()).toEqual(["PORT", "REFUND_REQUESTS_CHANNEL", "SLACK_BOT_TOKEN"]);
    expect((failure as { stderr: string }).stderr).not.toMatch(/\n\s+at /);
  });

  it("/readyz answers 503 and names Redis when Redis does not answer", async () => {
    const app = await startApp({ command: [process.execPath, "--import", "tsx", "src/entry/web.ts"], env: appEnv(slack.apiUrl, { REDIS_URL: "redis://127.0.0.1:1" }) });
    try {
      const ready = await fetch(`${app.baseUrl}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: "unavailable", failing: ["redis"] });
    } finally {
      await app.stop("SIGKILL");
    }
  });
});
