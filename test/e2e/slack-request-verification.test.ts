import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client";
import { upsertOrders } from "../../src/db/orders";
import type { LocalWorkspace } from "../../src/local-workspace/local-workspace";
import { APPROVALS_CHANNEL, type AppProcess } from "../support/app-process";
import { qoo10Order } from "../support/orders";
import { pendingRequests } from "../support/pending-requests";
import { sampleValue, scrape } from "../support/prometheus";
import { startSlackApp, type SlackApp } from "../support/slack-app";
import type { SlackDriver } from "../support/slack-driver";
import { postToSlackEvents, slackSignature, slashCommand, viewSubmission } from "../support/slack-requests";
import { eventually } from "../support/test-services";

// Requests to /slack/events that are not Slack's, or not as Slack sent them (forged, malformed,
// oversized, replayed, re-signed), and signed ones that no listener takes.
let slack: LocalWorkspace;
let app: AppProcess;
let db: Db;
let driver: SlackDriver;
let running: SlackApp | undefined;
const { pendingRequest, traceOf } = pendingRequests(() => running);

beforeAll(async () => {
  running = await startSlackApp({ env: { REFUND_APPROVERS: "U0BOSS1,U0BOSS2" } });
  ({ slack, app, db, driver } = running);
});

afterAll(() => running?.stop());

const now = () => Math.floor(Date.now() / 1000);
const encode = (form: Record<string, string>) => new URLSearchParams(form).toString();

/** Posts exactly these bytes with exactly these headers to /slack/events. */
function postRaw(body: string | Uint8Array, headers: Record<string, string>): Promise<Response> {
  return fetch(`${app.baseUrl}/slack/events`, { method: "POST", headers, body });
}

function signedHeaders(body: string, contentType = "application/x-www-form-urlencoded", timestamp = now()): Record<string, string> {
  return { "content-type": contentType, "x-slack-request-timestamp": String(timestamp), "x-slack-signature": slackSignature(body, timestamp) };
}

function clickForm(actionId: string, value: string, userId: string, responseId: string): Record<string, string> {
  return {
    payload: JSON.stringify({
      type: "block_actions",
      team: { id: "T0FAKE", domain: "fake" },
      user: { id: userId, username: userId, name: userId, team_id: "T0FAKE" },
      api_app_id: "A0APP",
      token: "legacy",
      trigger_id: `trigger.${responseId}`,
      container: { type: "message", message_ts: "1.1", channel_id: APPROVALS_CHANNEL },
      channel: { id: APPROVALS_CHANNEL },
      message: { ts: "1.1", text: "x" },
      response_url: slack.responseUrl(responseId),
      actions: [{ type: "button", action_id: actionId, block_id: "b", value, action_ts: String(Date.now() / 1000) }],
      is_enterprise_install: false,
    }),
  };
}

const answersTo = (responseId: string) => slack.calls.filter((c) => c.method === `response_url:${responseId}`);

describe("requests to /slack/events that are not Slack's", () => {
  it("refuses a forged signature, a stale or future timestamp, missing headers and a tampered body with 401, and nothing happens", async () => {
    const pending = await pendingRequest();
    const before = await traceOf(pending);
    const order = qoo10Order({ status: "new" });
    await upsertOrders(db, [order]);
    const view = await driver.openModal("/cancel", order.orderId);
    const opened = slack.callsTo("views.open").length;

    const forms = {
      command: slashCommand({ command: "/refund", text: order.orderId, responseUrl: slack.responseUrl("forged-command") }),
      click: clickForm("approve_request", String(pending), "U0BOSS1", "forged-click"),
      submission: driver.fill(view, { initiator: "store", kind: "cancel", reason: "out_of_stock" }),
    };
    for (const [name, form] of Object.entries(forms)) {
      const body = encode(form);
      const stale = now() - 5 * 60 - 10;
      const future = now() + 5 * 60 + 10;
      const attempts: [string, Record<string, string>, string][] = [
        ["forged", { ...signedHeaders(body), "x-slack-signature": slackSignature(body, now(), "not-the-signing-secret") }, body],
        ["stale", signedHeaders(body, undefined, stale), body],
        ["future", signedHeaders(body, undefined, future), body],
        ["unsigned", { "content-type": "application/x-www-form-urlencoded" }, body],
        ["tampered", signedHeaders(body), body.replace("U0", "U1")],
      ];
      for (const [how, headers, sent] of attempts) expect((await postRaw(sent, headers)).status, `${name}, ${how}`).toBe(401);
    }
    expect(slack.callsTo("views.open").length).toBe(opened);
    expect(answersTo("forged-command").length + answersTo("forged-click").length).toBe(0);
    expect(await traceOf(pending)).toEqual(before);
    expect(await db.refundRequest.count({ where: { orderId: order.orderId } })).toBe(0);
  });

  it("answers a content type Slack never sends 415, a malformed body 400, never 5xx, and stays up", async () => {
    const form = encode(slashCommand({ command: "/refund", text: "help", responseUrl: slack.responseUrl("ct") }));
    const cases: [string, string, number][] = [
      ["text/plain", form, 415],
      ["multipart/form-data; boundary=x", form, 415],
      ["application/octet-stream", "\u0000\u0001binary", 415],
      ["", form, 415],
      ["application/json", form, 400],
      ["application/json", "{\"type\":", 400],
      ["application/json", "null", 400],
      ["application/json", "[1,2]", 400],
      ["application/x-www-form-urlencoded", "payload=not-json", 400],
      ["application/x-www-form-urlencoded", "payload=%7B%22type%22%3A", 400],
      // Bolt dereferences what it parsed: a signed `payload=null` used to take the process down.
      ["application/x-www-form-urlencoded", "payload=null", 400],
      ["application/x-www-form-urlencoded", "payload=%22%22", 400],
      ["application/x-www-form-urlencoded", "payload=42", 400],
    ];
    for (const [contentType, body, status] of cases) {
      const res = await postRaw(body, signedHeaders(body, contentType));
      expect(res.status, `${contentType} ${body.slice(0, 20)}`).toBe(status);
    }
    expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
    expect(app.child.exitCode).toBeNull();
  });

  it("answers Slack's unsigned SSL check and its signed URL verification, and only those; other methods 404", async () => {
    const sslCheck = encode({ ssl_check: "1", token: "x" });
    const ssl = await postRaw(sslCheck, { "content-type": "application/x-www-form-urlencoded" });
    expect([ssl.status, await ssl.text()]).toEqual([200, ""]);
    const verification = JSON.stringify({ type: "url_verification", token: "x", challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" });
    const signed = await postRaw(verification, signedHeaders(verification, "application/json"));
    expect([signed.status, await signed.json()]).toEqual([200, { challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" }]);
    // Unsigned, the challenge is not echoed: only Slack may verify the URL.
    expect((await postRaw(verification, { "content-type": "application/json" })).status).toBe(401);
    expect((await fetch(`${app.baseUrl}/slack/events`)).status).toBe(404);
  });

  it("answers a body over the limit 413 without reading it all, signed or not, and stays up", async () => {
    const big = encode({ ...slashCommand({ command: "/refund", text: "help", responseUrl: slack.responseUrl("big") }), padding: "x".repeat(300 * 1024) });
    expect((await postRaw(big, signedHeaders(big))).status).toBe(413);
    const huge = new Uint8Array(8 * 1024 * 1024).fill(0x61);
    const res = await postRaw(huge, { "content-type": "application/x-www-form-urlencoded" }).catch((error: unknown) => error as Error);
    // The answer comes before the body is read; a client still sending may see the connection close instead.
    if (res instanceof Response) expect(res.status).toBe(413);
    expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
    expect(app.child.exitCode).toBeNull();
    expect(app.output.join("\n")).not.toMatch(/"level":50.*(RangeError|heap)/);
  });
});

describe("a Slack request replayed byte for byte inside the 5-minute window", () => {
  const replays = async () => sampleValue((await scrape(app.baseUrl)).samples, "refund_desk_slack_replays_refused_total") ?? 0;

  it("a modal submission: one request; a redelivery Slack signs anew finds the same one", async () => {
    const order = qoo10Order({ status: "new" });
    await upsertOrders(db, [order]);
    const view = await driver.openModal("/cancel", order.orderId);
    const form = driver.fill(view, { initiator: "store", kind: "cancel", reason: "out_of_stock" });
    const timestamp = now();
    const signature = slackSignature(encode(form), timestamp);
    const refusedBefore = await replays();
    for (let i = 0; i < 3; i++) expect(await (await postToSlackEvents(app.baseUrl, form, { timestamp, signature })).text()).toBe("");
    expect(await replays()).toBe(refusedBefore + 2);
    // Slack's own retry of the same view has a new timestamp, so a new signature: the view id is the idempotency key.
    expect(await (await postToSlackEvents(app.baseUrl, form, { timestamp: timestamp - 1 })).text()).toBe("");
    expect(await db.refundRequest.count({ where: { orderId: order.orderId } })).toBe(1);
    const [request] = await db.refundRequest.findMany({ where: { orderId: order.orderId } });
    expect((await traceOf(request!.id)).audit.filter(([action]) => action === "filed")).toHaveLength(1);
  });

  it("a click: one answer, one approval, one refusal in the audit trail", async () => {
    const id = await pendingRequest();
    const refused = clickForm("approve_request", String(id), "U0STRANGER", "replayed-refusal");
    const approve = clickForm("approve_request", String(id), "U0BOSS2", "replayed-approval");
    for (const form of [refused, approve]) {
      const timestamp = now();
      const signature = slackSignature(encode(form), timestamp);
      for (let i = 0; i < 3; i++) expect((await postToSlackEvents(app.baseUrl, form, { timestamp, signature })).status).toBe(200);
    }
    await slack.waitFor((c) => c.method === "response_url:replayed-approval", 10_000, "the approver's answer");
    await eventually(async () => (await traceOf(id)).state !== "awaiting_approval", 10_000, "the approval");
    const trace = await traceOf(id);
    expect(trace.approvals).toBe(1);
    expect(trace.audit.filter(([action]) => action === "approval_refused")).toEqual([["approval_refused", "U0STRANGER", "not_an_approver"]]);
    expect(trace.audit.filter(([action]) => action === "approved")).toHaveLength(1);
    expect(answersTo("replayed-approval")).toHaveLength(1);
    expect(answersTo("replayed-refusal")).toHaveLength(1);
    // A re-signed duplicate of the approval gets through the replay check, and the approval is still given once.
    expect((await postToSlackEvents(app.baseUrl, approve, { timestamp: now() - 2 })).status).toBe(200);
    await eventually(async () => answersTo("replayed-approval").length === 2, 10_000, "the duplicate's answer");
    expect(String(answersTo("replayed-approval")[1]!.body.text)).toMatch(/already/);
    expect((await traceOf(id)).approvals).toBe(1);
  });

  it("a command: it runs once (a /refund report is sent once, not once per copy)", async () => {
    const form = slashCommand({ command: "/refund", text: "report", userId: "U0BOSS1", responseUrl: slack.responseUrl("replayed-report") });
    const timestamp = now();
    const signature = slackSignature(encode(form), timestamp);
    const first = await postToSlackEvents(app.baseUrl, form, { timestamp, signature });
    expect(await first.json()).toMatchObject({ text: expect.stringContaining("Preparing the report") });
    // The replay is acknowledged without running: no second "Preparing", so no second report job.
    const second = await postToSlackEvents(app.baseUrl, form, { timestamp, signature });
    expect(second.status).toBe(200);
    expect(await second.text()).toBe("");
  });
});

describe("a captured request replayed with its signature altered", () => {
  it("a signature header with extra parts is refused (401): one signed /refund report gives one report", async () => {
    const reportsFor = () => slack.calls.filter((c) => c.method === "conversations.open" && c.body.users === "U0BOSS2").length;
    const before = reportsFor();
    const body = encode(slashCommand({ command: "/refund", text: "report", userId: "U0BOSS2", responseUrl: slack.responseUrl("captured-report") }));
    const headers = signedHeaders(body);
    expect((await postRaw(body, headers)).status).toBe(200);
    // Bolt reads only the first two `=`-separated parts of the header: each of these verified as a new signature.
    for (const extra of ["=a", "=b", "=c", "=", "==x"]) {
      expect((await postRaw(body, { ...headers, "x-slack-signature": `${headers["x-slack-signature"]}${extra}` })).status, extra).toBe(401);
    }
    // Other spellings of the same digest are not Slack's either.
    expect((await postRaw(body, { ...headers, "x-slack-signature": headers["x-slack-signature"]!.toUpperCase().replace("V0=", "v0=") })).status).toBe(401);
    // Whitespace around a header is not part of it: the same digest, acknowledged by the replay guard and not run again.
    expect((await postRaw(body, { ...headers, "x-slack-signature": ` ${headers["x-slack-signature"]}` })).status).toBe(200);
    await eventually(async () => reportsFor() > before, 15_000, "the report");
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(reportsFor()).toBe(before + 1);
  });
});

describe("a signed request that no listener takes", () => {
  it("is answered 200 at once with a log line; a person who clicked a button no longer in use is told so, privately", async () => {
    const oldButton = clickForm("approve_request_v0", "12", "U0AGENT", "old-button");
    expect((await postToSlackEvents(app.baseUrl, oldButton)).status).toBe(200);
    const told = await slack.waitFor((c) => c.method === "response_url:old-button", 10_000, "the word to the clicker");
    expect(told.body).toMatchObject({ response_type: "ephemeral", text: expect.stringContaining("This button is no longer in use") });

    const oldForm = viewSubmission({ callback_id: "request_modal_v0", private_metadata: "{}", type: "modal" }, {});
    const formAnswer = await postToSlackEvents(app.baseUrl, oldForm);
    expect(formAnswer.status).toBe(200);
    expect(JSON.stringify(await formAnswer.json())).toContain("This form is no longer in use");

    const unknownCommand = await postToSlackEvents(app.baseUrl, slashCommand({ command: "/refunds" as "/refund", text: "", responseUrl: slack.responseUrl("old-command") }));
    expect(unknownCommand.status).toBe(200);
    expect(await unknownCommand.text()).toContain("is not a Refund Desk command");

    const event = JSON.stringify({ token: "legacy", team_id: "T0FAKE", api_app_id: "A0APP", type: "event_callback", event_id: "Ev0OLD", event_time: now(), event: { type: "reaction_added", user: "U0AGENT" } });
    expect((await postRaw(event, signedHeaders(event, "application/json"))).status).toBe(200);
    const unknownType = encode({ payload: JSON.stringify({ type: "a_type_slack_may_add", team: { id: "T0FAKE" }, user: { id: "U0AGENT" } }) });
    expect((await postRaw(unknownType, signedHeaders(unknownType))).status).toBe(200);

    await eventually(async () => app.output.some((line) => line.includes("no listener takes")), 5_000, "the log line");
  });
});
