import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isSlackPayload } from "../../../src/slack/slack-request-guard";

const FORM = "application/x-www-form-urlencoded";
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const payload = (value: unknown) => form({ payload: JSON.stringify(value) });

describe("which bodies are handed to Bolt", () => {
  it("passes what Slack sends: commands, clicks, modal submissions, events, the SSL check", () => {
    expect(isSlackPayload(FORM, form({ command: "/refund", text: "A1", user_id: "U1", team_id: "T1", channel_id: "C1" }))).toBe(true);
    expect(isSlackPayload(FORM, payload({ type: "block_actions", user: { id: "U1" }, team: { id: "T1" }, actions: [{ action_id: "approve_request", value: "1" }] }))).toBe(true);
    expect(isSlackPayload(FORM, payload({ type: "view_submission", user: { id: "U1" }, view: { id: "V1", callback_id: "request_modal", private_metadata: "{}", state: { values: {} } } }))).toBe(true);
    expect(isSlackPayload("application/json", JSON.stringify({ type: "event_callback", team_id: "T1", event: { type: "app_home_opened", user: "U1", channel: "D1" } }))).toBe(true);
    expect(isSlackPayload(FORM, form({ ssl_check: "1", token: "x" }))).toBe(true);
  });

  it("refuses what Bolt would throw on: no object, no user, no view, actions that are not a list", () => {
    for (const body of [form({ payload: "null" }), form({ payload: "42" }), payload([]), payload({ type: "block_actions", user: null, actions: [{}] }), payload({ type: "block_actions", user: { id: "U1" }, actions: { a: 1 } }), payload({ type: "view_closed" }), payload({ type: "view_submission", user: { id: "U1" }, view: { id: 1, callback_id: "x" } }), payload({ type: "shortcut", user: { id: "U1" } }), form({ command: "/refund" }), "command=%2Frefund&command=%2Fcancel&user_id=U1"]) {
      expect(isSlackPayload(FORM, body), body).toBe(false);
    }
    expect(isSlackPayload("application/json", "null")).toBe(false);
    expect(isSlackPayload("application/json", JSON.stringify({ event: "x" }))).toBe(false);
  });

  it("never throws, whatever the bytes", () => {
    fc.assert(
      fc.property(fc.constantFrom(FORM, "application/json", "text/plain"), fc.oneof(fc.string(), fc.jsonValue().map((v) => JSON.stringify(v)), fc.jsonValue().map((v) => form({ payload: JSON.stringify(v) })), fc.dictionary(fc.string(), fc.string()).map(form)), (contentType, body) => {
        expect(typeof isSlackPayload(contentType, body)).toBe("boolean");
      }),
      { numRuns: 3_000 },
    );
  });
});
