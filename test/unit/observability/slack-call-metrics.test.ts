import { describe, expect, it } from "vitest";
import { createMetrics } from "../../../src/observability/metrics";
import { countingSlackFetch } from "../../../src/slack/slack-call-metrics";

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

async function errorsOf(metrics: ReturnType<typeof createMetrics>) {
  return (await metrics.slackApiErrors.get()).values.map((v) => [v.labels.method, v.labels.kind, v.value]);
}

describe("counting Slack Web API failures", () => {
  it("counts each failed call by method and kind, and passes every answer through untouched", async () => {
    const metrics = createMetrics({ defaults: false });
    const answers = [json(200, { ok: true }), json(200, { ok: false, error: "channel_not_found" }), json(200, { ok: false, error: "fatal_error" }), json(429, { ok: false }, { "retry-after": "3" }), json(503, {}), json(400, {})];
    const fetchFn = countingSlackFetch(metrics, async () => answers.shift()!);
    const statuses = [];
    for (const method of ["chat.postMessage", "chat.postMessage", "views.publish", "chat.update", "chat.update", "views.open"]) {
      const res = await fetchFn(`https://slack.com/api/${method}`, { method: "POST" });
      statuses.push(res.status);
      await res.text(); // the body is still readable
    }
    expect(statuses).toEqual([200, 200, 200, 429, 503, 400]);
    expect(await errorsOf(metrics)).toEqual([
      ["chat.postMessage", "permanent", 1],
      ["views.publish", "transient", 1],
      ["chat.update", "rate_limited", 1],
      ["chat.update", "transient", 1],
      ["views.open", "permanent", 1],
    ]);
  });

  it("counts a network failure as transient and ignores URLs outside the Web API", async () => {
    const metrics = createMetrics({ defaults: false });
    const fetchFn = countingSlackFetch(metrics, async (input) => {
      if (String(input).includes("/api/")) throw new TypeError("fetch failed");
      return new Response("OK", { status: 500 });
    });
    expect((await fetchFn("https://files.slack.com/upload/v1/abc", { method: "POST" })).status).toBe(500);
    await expect(fetchFn("http://127.0.0.1:9/api/conversations.open?x=1", {})).rejects.toThrow("fetch failed");
    expect(await errorsOf(metrics)).toEqual([["conversations.open", "transient", 1]]);
  });
});
