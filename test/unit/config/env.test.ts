import { describe, expect, it } from "vitest";
import { envSchema, parseConfig } from "../../../src/config/env";

const minimal = {
  SLACK_BOT_TOKEN: "xoxb-123-abc",
  SLACK_SIGNING_SECRET: "0123456789abcdef",
  REFUND_REQUESTS_CHANNEL: "C0REQUESTS",
};

describe("configuration from the environment", () => {
  it("fills local defaults for what has a sensible one", () => {
    const result = parseConfig(minimal);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config).toMatchObject({
      port: 3000,
      databaseUrl: "postgresql://postgres@127.0.0.1:5432/refund_desk",
      redisUrl: "redis://127.0.0.1:6379",
      channels: { requests: "C0REQUESTS", approvals: "C0REQUESTS" },
      approvalPolicy: { approverIds: [], thresholds: {}, timers: { remindAfterMs: 4 * 3600_000, escalateAfterMs: 24 * 3600_000, expireAfterMs: 72 * 3600_000 } },
    });
  });

  it("reads the approvers as a list and the approvals channel when given", () => {
    const result = parseConfig({ ...minimal, REFUND_APPROVERS: "U01AAA, U02BBB W03CCC", REFUND_APPROVALS_CHANNEL: "C0APPROVE" });
    expect(result.ok && result.config.approvalPolicy.approverIds).toEqual(["U01AAA", "U02BBB", "W03CCC"]);
    expect(result.ok && result.config.channels.approvals).toBe("C0APPROVE");
  });

  it("reports every problem as one line naming the variable and what is expected", () => {
    const result = parseConfig({ PORT: "eighty", DATABASE_URL: "mysql://x", REFUND_APPROVERS: "bob", SLACK_API_URL: "not a url" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byVariable = Object.fromEntries(result.problems.map((line) => [line.split(":")[0], line]));
    expect(Object.keys(byVariable).sort()).toEqual(
      ["DATABASE_URL", "PORT", "REFUND_APPROVERS (entry 1)", "REFUND_REQUESTS_CHANNEL", "SLACK_API_URL", "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"].sort(),
    );
    expect(byVariable.SLACK_BOT_TOKEN).toBe("SLACK_BOT_TOKEN: not set. Copy the Bot User OAuth Token (xoxb-…) from the Slack app's OAuth & Permissions page.");
    expect(byVariable.DATABASE_URL).toMatch(/postgresql:\/\//);
    expect(byVariable["REFUND_APPROVERS (entry 1)"]).toMatch(/Slack user id/);
  });

  it("says what is wrong and where to get the right value, never in the validator's words", () => {
    const missing = parseConfig({ SLACK_BOT_TOKEN: "xoxb-123-abc", SLACK_SIGNING_SECRET: "0123456789abcdef" });
    expect(!missing.ok && missing.problems).toEqual([
      "REFUND_REQUESTS_CHANNEL: not set. Give the id of the channel where requests are posted: in Slack, open the channel's details; the id (C…) is at the bottom.",
    ]);
    const bad = parseConfig({ ...minimal, NODE_ENV: "prod", PORT: "70000", WORKER_CONCURRENCY: "0", SHUTDOWN_TIMEOUT_MS: "500" });
    expect(!bad.ok && bad.problems).toEqual([
      "NODE_ENV: expected one of development, production, test. Leave it unset for development.",
      "PORT: expected at most 65535. The HTTP port of the web process, 0 to 65535 (0: any free port); leave it unset for 3000.",
      "WORKER_CONCURRENCY: expected at least 1. Jobs a worker process runs at once, 1 to 1000; leave it unset for 16.",
      "SHUTDOWN_TIMEOUT_MS: expected at least 1000 ms. Milliseconds a stop may take in all, 1000 to 600000; leave it unset for 10000.",
    ]);
  });

  // What zod itself says ("Invalid input: expected string, received undefined", "Too small: …").
  const VALIDATOR_WORDS = /Invalid (input|option|string|number|key|value|element|URL)|Too (big|small)|Unrecognized key|received (undefined|string|number|NaN|null)|expected (string|number|int|nan)\b/i;

  it.each(["", "x", "-1", "0", "1.5", "99999999999", "ftp://x", "C", "a b:c"])("answers every variable set to %j in its own words, naming it and where to get the right value", (value) => {
    const names = [...Object.keys(envSchema.shape)];
    for (const name of names) {
      const result = parseConfig({ ...(value === "" ? {} : minimal), [name]: value });
      if (result.ok) continue;
      for (const line of result.problems) {
        expect(line).toMatch(/^[A-Z0-9_]+( \(entry \d+\))?: \S.*\. \S.*\.$/);
        expect(line).not.toMatch(VALIDATOR_WORDS);
      }
    }
  });

  it("treats an empty variable as unset, so its default applies", () => {
    const result = parseConfig({ ...minimal, PORT: "", SLACK_API_URL: "" });
    expect(result.ok && result.config.port).toBe(3000);
    expect(result.ok && result.config.slack.apiUrl).toBeUndefined();
  });

  it("turns intake off without INTAKE_SECRET, and reads several secrets for a rotation", () => {
    const off = parseConfig(minimal);
    expect(off.ok && off.config.intake).toEqual({ secrets: [] });
    const result = parseConfig({ ...minimal, INTAKE_SECRET: " old-secret-0123456789 ,new-secret-abcdefghij," });
    expect(result.ok && result.config.intake.secrets).toEqual(["old-secret-0123456789", "new-secret-abcdefghij"]);
  });

  it("refuses a short intake secret without repeating it in the problem", () => {
    const result = parseConfig({ ...minimal, INTAKE_SECRET: "good-secret-0123456789,short-one" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([expect.stringMatching(/^INTAKE_SECRET \(entry 2\): expected at least 16 characters\. /)]);
    expect(result.problems.join("\n")).not.toContain("short-one");
  });

  it("reads the operations settings: shutdown time, the worker's metrics port, the dashboard's credentials", () => {
    const defaults = parseConfig(minimal);
    expect(defaults.ok && defaults.config).toMatchObject({ shutdownTimeoutMs: 10_000 });
    expect(defaults.ok && defaults.config.admin).toBeUndefined();
    expect(defaults.ok && defaults.config.metricsPort).toBeUndefined();
    const set = parseConfig({ ...minimal, SHUTDOWN_TIMEOUT_MS: "25000", METRICS_PORT: "9464", ADMIN_USER: "ops", ADMIN_PASSWORD: "correct-horse-battery" });
    expect(set.ok && set.config).toMatchObject({ shutdownTimeoutMs: 25_000, metricsPort: 9464, admin: { user: "ops", password: "correct-horse-battery" } });
  });

  it("reads the team's language, English by default, a tag as the language it names", () => {
    expect(parseConfig(minimal)).toMatchObject({ ok: true, config: { locale: "en", channelLocales: {} } });
    expect(parseConfig({ ...minimal, REFUND_DESK_LOCALE: "ja" })).toMatchObject({ ok: true, config: { locale: "ja" } });
    expect(parseConfig({ ...minimal, REFUND_DESK_LOCALE: "zh_TW.UTF-8" })).toMatchObject({ ok: true, config: { locale: "zh-TW" } });
    expect(parseConfig({ ...minimal, REFUND_DESK_LOCALE: "zh-Hans" })).toMatchObject({ ok: true, config: { locale: "zh-CN" } });
  });

  it("refuses a language the bot does not speak rather than quietly posting English", () => {
    const french = parseConfig({ ...minimal, REFUND_DESK_LOCALE: "fr-FR" });
    expect(!french.ok && french.problems).toEqual([expect.stringMatching(/^REFUND_DESK_LOCALE: expected en, zh-TW, zh-CN or ja .*Give the team's language/)]);
  });

  it("reads the metrics token, a secret of at least 16 characters never repeated in a problem", () => {
    expect(parseConfig({ ...minimal, METRICS_TOKEN: "a-scraper-token-0123456789" })).toMatchObject({ ok: true, config: { metricsToken: "a-scraper-token-0123456789" } });
    const short = parseConfig({ ...minimal, METRICS_TOKEN: "short-token" });
    expect(!short.ok && short.problems).toEqual(["METRICS_TOKEN: expected at least 16 characters. A random string of 16 characters or more (e.g. openssl rand -hex 32) that Prometheus sends as a bearer token; leave it unset to serve /metrics only on METRICS_PORT."]);
  });

  it("reads the sweepers' intervals and thresholds, with production defaults, and refuses one under a second", () => {
    const defaults = parseConfig(minimal);
    expect(defaults.ok && defaults.config.sweeps).toEqual({ everyMs: 15_000, approvalTimersEveryMs: 15_000, staleAfterMs: 30_000, executionsEveryMs: 60_000, stalledAfterMs: 120_000 });
    const set = parseConfig({ ...minimal, SWEEP_EVERY_MS: "2000", APPROVAL_TIMERS_EVERY_MS: "500", STALE_REQUEST_AFTER_MS: "5000", SWEEP_EXECUTIONS_EVERY_MS: "3000", STALLED_EXECUTION_AFTER_MS: "8000" });
    expect(set.ok && set.config.sweeps).toEqual({ everyMs: 2_000, approvalTimersEveryMs: 500, staleAfterMs: 5_000, executionsEveryMs: 3_000, stalledAfterMs: 8_000 });
    const bad = parseConfig({ ...minimal, SWEEP_EVERY_MS: "10", APPROVAL_TIMERS_EVERY_MS: "50", STALLED_EXECUTION_AFTER_MS: "soon" });
    expect(!bad.ok && bad.problems.map((p) => p.split(":")[0]).sort()).toEqual(["APPROVAL_TIMERS_EVERY_MS", "STALLED_EXECUTION_AFTER_MS", "SWEEP_EVERY_MS"]);
  });

  it("refuses half a dashboard credential, a short password and a shutdown time under a second, without repeating the password", () => {
    const half = parseConfig({ ...minimal, ADMIN_USER: "ops" });
    expect(!half.ok && half.problems).toEqual([expect.stringMatching(/^ADMIN_PASSWORD: required with ADMIN_USER/)]);
    const bad = parseConfig({ ...minimal, ADMIN_USER: "ops", ADMIN_PASSWORD: "short-pw", SHUTDOWN_TIMEOUT_MS: "500" });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems.map((p) => p.split(":")[0]).sort()).toEqual(["ADMIN_PASSWORD", "SHUTDOWN_TIMEOUT_MS"]);
    expect(bad.problems.join("\n")).not.toContain("short-pw");
  });
});

describe("provider configuration from the environment", () => {
  const minimal = { SLACK_BOT_TOKEN: "xoxb-123-abc", SLACK_SIGNING_SECRET: "0123456789abcdef", REFUND_REQUESTS_CHANNEL: "C0REQUESTS" };

  it("runs everything on the local store when no provider is configured", () => {
    const result = parseConfig(minimal);
    expect(result.ok && result.config.providers).toEqual({ linePay: null, cyberbiz: null, qoo10: null });
  });

  it("reads each provider whose credentials are set, with LINE Pay's sandbox as the default URL", () => {
    const result = parseConfig({ ...minimal, LINEPAY_CHANNEL_ID: "1234567890", LINEPAY_CHANNEL_SECRET: "secret-secret", CYBERBIZ_API_TOKEN: "cyberbiz-token-0123456789", QOO10_SELLER_KEY: "qoo10-seller-key" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.providers.linePay).toMatchObject({ channelId: "1234567890", apiUrl: "https://sandbox-api-pay.line.me", timeoutMs: 20_000 });
    expect(result.config.providers.cyberbiz).toMatchObject({ apiUrl: "https://app-store-api.cyberbiz.io" });
    expect(result.config.providers.qoo10).toMatchObject({ apiUrl: "https://api.qoo10.jp" });
  });

  it("reports each provider problem as one line naming the variable, never its value", () => {
    const result = parseConfig({ ...minimal, LINEPAY_CHANNEL_SECRET: "half-configured-secret", CYBERBIZ_API_TOKEN: "short", QOO10_SELLER_KEY: "qoo10-seller-key", QOO10_API_URL: "ftp://x" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((line) => line.split(":")[0]).sort()).toEqual(["CYBERBIZ_API_TOKEN", "LINEPAY_CHANNEL_ID", "QOO10_API_URL"]);
    expect(result.problems.join("\n")).not.toContain("half-configured-secret");
  });
});
