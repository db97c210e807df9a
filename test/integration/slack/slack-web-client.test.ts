import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loopbackSlackApi, recordingSlackApi, unansweredSlackApiUrl } from "../../support/loopback-slack-api";
import { testWorkspace } from "../../support/test-workspace";
import { testConfig } from "../../support/test-services";
import { createMetrics } from "../../../src/observability/metrics";
import { createSlackWebClient, slackMethodOf } from "../../../src/slack/web-client";
import { leanSlackFetch } from "../../../src/slack/slack-http";
import { LogLevel, WebAPIRequestError, WebClient } from "@slack/web-api";

async function errorsOf(metrics: ReturnType<typeof createMetrics>) {
  return (await metrics.slackApiErrors.get()).values.map((v) => [v.labels.method, v.labels.kind, v.value]);
}

describe("the worker's Slack client, over HTTP to a Slack API on loopback", () => {
  const slack = testWorkspace();
  beforeAll(async () => void (await slack.start()));
  afterAll(async () => slack.stop());

  it("sends the call as Slack expects it and reads Slack's answer", async () => {
    const client = createSlackWebClient(testConfig(slack.apiUrl), createMetrics({ defaults: false }));
    const blocks = [{ type: "section", text: { type: "mrkdwn", text: "*R-1*: 退款 NT$500" } }];
    const posted = await client.chat.postMessage({ channel: "C0REQ", text: "R-1 filed", blocks });
    expect(posted).toMatchObject({ ok: true, channel: "C0REQ" });
    expect(posted.ts).toMatch(/^\d+\.\d+$/);
    const call = await slack.waitFor((c) => c.method === "chat.postMessage" && c.body.text === "R-1 filed");
    expect(call.body.blocks).toEqual(blocks);
    expect(call.token).toBe(testConfig(slack.apiUrl).slack.botToken);
  });

  it("sends every call as Slack's WebClient does: a form, with the token in the Authorization header", async () => {
    const api = await recordingSlackApi();
    const { seen } = api;
    try {
      const config = testConfig(api.url);
      const client = createSlackWebClient(config, createMetrics({ defaults: false }));
      const blocks = [{ type: "section", text: { type: "mrkdwn", text: "R-1 & R-2 = 100%" } }];
      expect(await client.chat.postMessage({ channel: "C0REQ", text: "R-1", blocks })).toMatchObject({ ok: true, channel: "C0REQ", ts: "1.000001" });
      await client.views.publish({ user_id: "U1", view: { type: "home", blocks: [] } });
      expect(seen.map((s) => [s.path, s.type.split(";")[0], s.authorization])).toEqual([
        ["/api/chat.postMessage", "application/x-www-form-urlencoded", `Bearer ${config.slack.botToken}`],
        ["/api/views.publish", "application/x-www-form-urlencoded", `Bearer ${config.slack.botToken}`],
      ]);
      const form = new URLSearchParams(seen[0]!.body);
      expect([form.get("channel"), form.get("text"), JSON.parse(form.get("blocks")!)]).toEqual(["C0REQ", "R-1", blocks]);
    } finally {
      api.close();
    }
  });

  it("tags each failure with its Web API method and counts it by kind: platform error, 5xx, 429, network", async () => {
    const metrics = createMetrics({ defaults: false });
    const client = createSlackWebClient(testConfig(slack.apiUrl), metrics);
    slack.failNext("chat.update", { error: "message_not_found" });
    slack.failNext("views.publish", { status: 503 });
    slack.failNext("chat.postEphemeral", { status: 429, retryAfterSeconds: 2 });
    const failures = await Promise.all([
      client.chat.update({ channel: "C0REQ", ts: "1.2", text: "x" }).catch((e: unknown) => e),
      client.views.publish({ user_id: "U1", view: { type: "home", blocks: [] } }).catch((e: unknown) => e),
      client.chat.postEphemeral({ channel: "C0REQ", user: "U1", text: "x" }).catch((e: unknown) => e),
    ]);
    expect(failures.map(slackMethodOf)).toEqual(["chat.update", "views.publish", "chat.postEphemeral"]);
    expect(failures.map((e) => (e as { code?: string }).code)).toEqual(["slack_webapi_platform_error", "slack_webapi_http_error", "slack_webapi_rate_limited_error"]);
    expect(await errorsOf(metrics)).toEqual([
      ["chat.update", "permanent", 1],
      ["views.publish", "transient", 1],
      ["chat.postEphemeral", "rate_limited", 1],
    ]);

    // Nobody listening: the request itself fails.
    const offline = createSlackWebClient(testConfig(await unansweredSlackApiUrl()), metrics);
    const error = await offline.chat.postMessage({ channel: "C0REQ", text: "x" }).catch((e: unknown) => e);
    expect(slackMethodOf(error)).toBe("chat.postMessage");
    expect((error as { code?: string }).code).toBe("slack_webapi_request_error");
    expect(await errorsOf(metrics)).toContainEqual(["chat.postMessage", "transient", 1]);
    // Not a Slack call's error.
    expect(slackMethodOf(new Error("other"))).toBeUndefined();
  });

  it("hands a body that is not text (a file upload) to the platform's fetch, and gives the status and headers of every answer", async () => {
    const seen: string[] = [];
    const fetchFn = leanSlackFetch({}, async (input) => {
      seen.push(String(input));
      return new Response("uploaded", { status: 200 });
    });
    const upload = await fetchFn(`${slack.baseUrl}/upload/v1/abc`, { method: "POST", body: new Uint8Array([1, 2, 3]) });
    expect(await upload.text()).toBe("uploaded");
    expect(seen).toEqual([`${slack.baseUrl}/upload/v1/abc`]);

    slack.failNext("chat.postMessage", { status: 429, retryAfterSeconds: 7 });
    const limited = await fetchFn(`${slack.apiUrl}chat.postMessage`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "channel=C1&text=hi" });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("7");
    const ok = await fetchFn(`${slack.apiUrl}chat.postMessage`, { method: "POST", headers: new Headers({ "content-type": "application/x-www-form-urlencoded", authorization: `Bearer ${testConfig(slack.apiUrl).slack.botToken}` }), body: "channel=C0REQ&text=hi" });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toContain("application/json");
    expect(await ok.json()).toMatchObject({ ok: true, channel: "C0REQ" });
    expect(seen).toHaveLength(1);
  });

  it("gives up on a Slack API that stops answering, before the headers or in the middle of the body, after the time allowed", async () => {
    // /silent never answers; /stalls sends its headers and half a body, then nothing.
    const api = await loopbackSlackApi((req, res) => {
      if (req.url === "/api/stalls") res.writeHead(200, { "content-type": "application/json" }).write('{"ok":');
    });
    const { url } = api;
    try {
      for (const path of ["silent", "stalls"]) {
        const started = performance.now();
        const client = new WebClient("xoxb-test", { slackApiUrl: url, logLevel: LogLevel.ERROR, timeout: 0, retryConfig: { retries: 0 }, fetch: leanSlackFetch({ timeoutMs: 300 }) });
        const failure = await client.apiCall(path, { channel: "C1" }).catch((error: unknown) => error);
        expect(failure, path).toBeInstanceOf(WebAPIRequestError);
        // Not before the time allowed, nor long after: undici looks at its timers every half second.
        const waitedMs = performance.now() - started;
        expect(waitedMs, path).toBeGreaterThanOrEqual(290);
        expect(waitedMs, path).toBeLessThan(2_500);
      }
    } finally {
      api.close();
    }
  });
});
