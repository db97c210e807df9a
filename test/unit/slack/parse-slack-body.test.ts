import { HTTPModuleFunctions } from "@slack/bolt";
import fc from "fast-check";
import { parse as parseQueryString } from "node:querystring";
import { describe, expect, it } from "vitest";
import { FORM, parseSlackForm, slackBodyOf } from "../../../src/slack/parse-slack-body";

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const payload = (value: unknown) => form({ payload: JSON.stringify(value) });
const formBody = (text: string) => slackBodyOf(text, parseSlackForm(text));
const jsonBody = (text: string) => slackBodyOf(text, undefined);
/** What Bolt's HTTPReceiver dispatches for the same bytes. */
const boltBody = (contentType: string, text: string): unknown => HTTPModuleFunctions.parseHTTPRequestBody({ rawBody: Buffer.from(text), headers: { "content-type": contentType } } as never);

describe("the body dispatched to Bolt", () => {
  it("is what Slack sent: commands, clicks, modal submissions, events, the SSL check", () => {
    expect(formBody(form({ command: "/refund", text: "A1", user_id: "U1", team_id: "T1", channel_id: "C1" }))).toMatchObject({ command: "/refund", text: "A1", user_id: "U1" });
    const click = { type: "block_actions", user: { id: "U1" }, team: { id: "T1" }, actions: [{ action_id: "approve_request", value: "1" }] };
    expect(formBody(payload(click))).toEqual(click);
    const submission = { type: "view_submission", user: { id: "U1" }, view: { id: "V1", callback_id: "request_modal", private_metadata: "{\"a\":\"b & c = 100%\"}", state: { values: {} } } };
    expect(formBody(payload(submission))).toEqual(submission);
    const event = { type: "event_callback", team_id: "T1", event: { type: "app_home_opened", user: "U1", channel: "D1" } };
    expect(jsonBody(JSON.stringify(event))).toEqual(event);
    expect(formBody(form({ ssl_check: "1", token: "x" }))).toMatchObject({ ssl_check: "1" });
  });

  it("is refused when Bolt would throw on it: no object, no user, no view, actions that are not a list", () => {
    for (const body of [form({ payload: "null" }), form({ payload: "42" }), payload([]), payload({ type: "block_actions", user: null, actions: [{}] }), payload({ type: "block_actions", user: { id: "U1" }, actions: { a: 1 } }), payload({ type: "view_closed" }), payload({ type: "view_submission", user: { id: "U1" }, view: { id: 1, callback_id: "x" } }), payload({ type: "shortcut", user: { id: "U1" } }), form({ command: "/refund" }), "command=%2Frefund&command=%2Fcancel&user_id=U1", "payload=not-json", "payload=%7B%22type%22%3A"]) {
      expect(formBody(body), body).toBeUndefined();
    }
    expect(jsonBody("null")).toBeUndefined();
    expect(jsonBody("[1,2]")).toBeUndefined();
    expect(jsonBody(JSON.stringify({ event: "x" }))).toBeUndefined();
  });

  it("reads a lone payload field as querystring does, a malformed escape or a '+' included", () => {
    for (const text of ["payload=%7B%22a%22%3A%22x+y%2By%22%7D", "payload=%E0%A4%A", "payload=100%", "payload=a=b", "payload=", "payload=%F0%9F%A6%8A+%C3%A9"]) {
      expect(parseSlackForm(text), text).toEqual({ ...parseQueryString(text) });
    }
  });

  it("is, for any form or JSON Bolt can dispatch, exactly what Bolt's own parser gives", () => {
    const anyPayload = fc.record({ type: fc.constantFrom("block_actions", "view_submission", "anything"), user: fc.record({ id: fc.string() }), view: fc.record({ id: fc.string(), callback_id: fc.string(), private_metadata: fc.string({ unit: "grapheme" }) }), extra: fc.jsonValue() });
    fc.assert(
      fc.property(fc.oneof(anyPayload.map(payload), fc.dictionary(fc.string({ unit: "grapheme" }), fc.string({ unit: "grapheme" })).map(form), fc.string().map((s) => `payload=${s}`)), (text) => {
        expect(parseSlackForm(text)).toEqual({ ...parseQueryString(text) });
        const body = formBody(text);
        if (body) expect(body).toEqual(boltBody(FORM, text));
      }),
      { numRuns: 3_000 },
    );
    fc.assert(
      fc.property(anyPayload.map((p) => JSON.stringify(p)), (text) => {
        expect(jsonBody(text)).toEqual(boltBody("application/json", text));
      }),
      { numRuns: 500 },
    );
  });

  it("never throws, whatever the bytes", () => {
    fc.assert(
      fc.property(fc.boolean(), fc.oneof(fc.string(), fc.jsonValue().map((v) => JSON.stringify(v)), fc.jsonValue().map((v) => form({ payload: JSON.stringify(v) })), fc.dictionary(fc.string(), fc.string()).map(form)), (asForm, text) => {
        const body = asForm ? formBody(text) : jsonBody(text);
        expect(body === undefined || typeof body === "object").toBe(true);
      }),
      { numRuns: 3_000 },
    );
  });
});
