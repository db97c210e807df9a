import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } from "@slack/web-api";
import { describe, expect, it } from "vitest";
import { classifySlackError } from "../../../src/slack/classify-slack-error";

describe("what a Slack error means for a job", () => {
  it("a 429 holds the queue for Retry-After", () => {
    expect(classifySlackError(new WebAPIRateLimitedError(7))).toEqual({ kind: "rate_limited", retryAfterMs: 7000 });
    expect(classifySlackError(new WebAPIHTTPError(429, "Too Many", { "retry-after": "3" }))).toEqual({ kind: "rate_limited", retryAfterMs: 3000 });
  });

  it("a 429 whose Retry-After is a date, absent or zero holds the queue for a second", () => {
    const dated = { "retry-after": "Wed, 21 Oct 2026 07:28:00 GMT" };
    for (const headers of [dated, {}, { "retry-after": "0" }] as Record<string, string>[]) {
      expect(classifySlackError(new WebAPIHTTPError(429, "Too Many", headers))).toEqual({ kind: "rate_limited", retryAfterMs: 1000 });
    }
  });

  it("errors a retry cannot fix stop the job", () => {
    expect(classifySlackError(new WebAPIPlatformError({ ok: false, error: "channel_not_found" }))).toEqual({ kind: "permanent", error: "channel_not_found" });
    expect(classifySlackError(new WebAPIHTTPError(404, "Not Found", {}))).toMatchObject({ kind: "permanent" });
  });

  it("Slack's bad moments are retried", () => {
    expect(classifySlackError(new WebAPIHTTPError(503, "Unavailable", {}))).toMatchObject({ kind: "transient" });
    expect(classifySlackError(new WebAPIPlatformError({ ok: false, error: "internal_error" }))).toMatchObject({ kind: "transient" });
    expect(classifySlackError(new WebAPIRequestError(new Error("ECONNRESET")))).toMatchObject({ kind: "transient", error: "ECONNRESET" });
  });
});
