import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebAPIRequestError } from "@slack/web-api";
import { loopbackSlackApi, recordingSlackApi, unansweredSlackApiUrl } from "../../support/loopback-slack-api";
import { testWorkspace } from "../../support/test-workspace";
import { testConfig } from "../../support/test-services";
import { createMetrics } from "../../../src/observability/metrics";
import { createJsonSlackChat } from "../../../src/slack/slack-chat";
import { postSlackJson } from "../../../src/slack/post-slack-json";
import { slackMethodOf } from "../../../src/slack/web-client";

async function errorsOf(metrics: ReturnType<typeof createMetrics>) {
  return (await metrics.slackApiErrors.get()).values.map((v) => [v.labels.method, v.labels.kind, v.value]);
}

describe("the worker's chat calls, posted as JSON to a Slack API on loopback", () => {
  const slack = testWorkspace();
  beforeAll(async () => void (await slack.start()));
  afterAll(async () => slack.stop());

  it("posts, updates and posts ephemerally as Slack records them, and gives Slack's answer", async () => {
    const chat = createJsonSlackChat(testConfig(slack.apiUrl), createMetrics({ defaults: false }));
    const blocks = [{ type: "section", text: { type: "mrkdwn", text: "*R-1*: 退款 NT$500 & 100%" } }];
    const posted = await chat.postMessage({ channel: "C0REQ", text: "R-1 filed", blocks });
    expect(posted).toMatchObject({ ok: true, channel: "C0REQ" });
    expect(posted.ts).toMatch(/^\d+\.\d+$/);
    const call = await slack.waitFor((c) => c.method === "chat.postMessage" && c.body.text === "R-1 filed");
    expect(call.body.blocks).toEqual(blocks);
    expect(call.token).toBe(testConfig(slack.apiUrl).slack.botToken);

    const updated = await chat.update({ channel: "C0REQ", ts: posted.ts!, text: "R-1 approved" });
    expect(updated).toMatchObject({ ok: true, channel: "C0REQ", ts: posted.ts });
    expect(slack.callsTo("chat.update").map((c) => [c.body.ts, c.body.text])).toEqual([[posted.ts, "R-1 approved"]]);

    await chat.postEphemeral({ channel: "C0REQ", user: "U0AGENT", text: "only you" });
    expect(slack.callsTo("chat.postEphemeral").map((c) => [c.body.user, c.body.text])).toEqual([["U0AGENT", "only you"]]);
  });

  it("sends one JSON body with the token in the Authorization header", async () => {
    const api = await recordingSlackApi();
    const { seen } = api;
    try {
      const config = testConfig(api.url);
      const chat = createJsonSlackChat(config, createMetrics({ defaults: false }));
      const blocks = [{ type: "section", text: { type: "mrkdwn", text: "R-1 & R-2 = 100%" } }];
      expect(await chat.postMessage({ channel: "C0REQ", text: "R-1", blocks })).toEqual({ ok: true, channel: "C0REQ", ts: "1.000001" });
      expect(seen.map((s) => [s.path, s.type, s.authorization])).toEqual([["/api/chat.postMessage", "application/json; charset=utf-8", `Bearer ${config.slack.botToken}`]]);
      expect(JSON.parse(seen[0]!.body)).toEqual({ channel: "C0REQ", text: "R-1", blocks });
    } finally {
      api.close();
    }
  });

  it("takes SLACK_API_URL with or without its final slash, as the WebClient does", async () => {
    const api = await recordingSlackApi();
    try {
      const chat = createJsonSlackChat(testConfig(api.url.replace(/\/$/, "")), createMetrics({ defaults: false }));
      expect(await chat.update({ channel: "C0REQ", ts: "1.000001", text: "R-1" })).toMatchObject({ ok: true });
      expect(api.seen.map((s) => s.path)).toEqual(["/api/chat.update"]);
    } finally {
      api.close();
    }
  });

  it("fails as the WebClient does, tagged with its method and counted by kind: platform error, 5xx, 429, network", async () => {
    const metrics = createMetrics({ defaults: false });
    const chat = createJsonSlackChat(testConfig(slack.apiUrl), metrics);
    slack.failNext("chat.update", { error: "message_not_found" });
    slack.failNext("chat.postMessage", { status: 503 });
    slack.failNext("chat.postEphemeral", { status: 429, retryAfterSeconds: 2 });
    const failures = await Promise.all([
      chat.update({ channel: "C0REQ", ts: "1.2", text: "x" }).catch((e: unknown) => e),
      chat.postMessage({ channel: "C0REQ", text: "x" }).catch((e: unknown) => e),
      chat.postEphemeral({ channel: "C0REQ", user: "U1", text: "x" }).catch((e: unknown) => e),
    ]);
    expect(failures.map(slackMethodOf)).toEqual(["chat.update", "chat.postMessage", "chat.postEphemeral"]);
    expect(failures.map((e) => (e as { code?: string }).code)).toEqual(["slack_webapi_platform_error", "slack_webapi_http_error", "slack_webapi_rate_limited_error"]);
    expect((failures[0] as { data: { error: string } }).data.error).toBe("message_not_found");
    expect((failures[2] as { retryAfter: number }).retryAfter).toBe(2);
    expect(await errorsOf(metrics)).toEqual([
      ["chat.update", "permanent", 1],
      ["chat.postMessage", "transient", 1],
      ["chat.postEphemeral", "rate_limited", 1],
    ]);

    // Nobody listening: the request itself fails.
    const offline = createJsonSlackChat(testConfig(await unansweredSlackApiUrl()), metrics);
    const error = await offline.postMessage({ channel: "C0REQ", text: "x" }).catch((e: unknown) => e);
    expect(slackMethodOf(error)).toBe("chat.postMessage");
    expect((error as { code?: string }).code).toBe("slack_webapi_request_error");
    expect(await errorsOf(metrics)).toContainEqual(["chat.postMessage", "transient", 2]);
  });

  it("takes an answer that is not a JSON object, or a 429 without a number of seconds, as a failed call", async () => {
    const api = await loopbackSlackApi((req, res) => {
      if (req.url === "/api/chat.update") res.writeHead(429, { "content-type": "application/json" }).end('{"ok":false}');
      else if (req.url === "/api/chat.postEphemeral") res.writeHead(200, { "content-type": "application/json" }).end("null");
      else res.writeHead(200, { "content-type": "text/html" }).end("<html>gateway</html>");
    });
    try {
      const chat = createJsonSlackChat(testConfig(api.url), createMetrics({ defaults: false }));
      const notJson = await chat.postMessage({ channel: "C0REQ", text: "x" }).catch((e: unknown) => e);
      expect((notJson as { code?: string }).code).toBe("slack_webapi_request_error");
      const limited = await chat.update({ channel: "C0REQ", ts: "1.2", text: "x" }).catch((e: unknown) => e);
      expect([(limited as { code?: string }).code, (limited as { statusCode?: number }).statusCode]).toEqual(["slack_webapi_http_error", 429]);
      const nothing = await chat.postEphemeral({ channel: "C0REQ", user: "U1", text: "x" }).catch((e: unknown) => e);
      expect([(nothing as { code?: string }).code, slackMethodOf(nothing)]).toEqual(["slack_webapi_request_error", "chat.postEphemeral"]);
    } finally {
      api.close();
    }
  });

  it("gives up on a Slack API that stops answering, before the headers or in the middle of the body, after the time allowed", async () => {
    // /silent never answers; /stalls sends its headers and half a body, then nothing.
    const api = await loopbackSlackApi((req, res) => {
      if (req.url === "/api/stalls") res.writeHead(200, { "content-type": "application/json" }).write('{"ok":');
    });
    try {
      for (const path of ["silent", "stalls"]) {
        const started = performance.now();
        const failure = await postSlackJson({ url: `${api.url}${path}`, token: "xoxb-test", args: { channel: "C1" }, timeoutMs: 300 }).catch((error: unknown) => error);
        expect(failure, path).toBeInstanceOf(WebAPIRequestError);
        expect(performance.now() - started, path).toBeGreaterThanOrEqual(290);
      }
    } finally {
      api.close();
    }
  });
});
