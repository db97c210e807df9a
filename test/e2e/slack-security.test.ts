import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client";
import { upsertOrders } from "../../src/db/orders";
import type { LocalWorkspace } from "../../src/local-workspace/local-workspace";
import { APPROVALS_CHANNEL, REQUESTS_CHANNEL, type AppProcess } from "../support/app-process";
import { cyberbizOrder, qoo10Order } from "../support/orders";
import { sampleValue, scrape } from "../support/prometheus";
import { startSlackApp, type SlackApp } from "../support/slack-app";
import type { SlackDriver } from "../support/slack-driver";
import { postToSlackEvents, slackSignature, slashCommand, viewSubmission } from "../support/slack-requests";
import { eventually } from "../support/test-services";

let slack: LocalWorkspace;
let app: AppProcess;
let db: Db;
let driver: SlackDriver;
let running: SlackApp | undefined;

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

async function pendingRequest(requester = "U0AGENT"): Promise<number> {
  const order = cyberbizOrder({ total: 2_000 });
  await upsertOrders(db, [order]);
  const id = await driver.fileRequest("/refund", order.orderId, { initiator: "store", kind: "refund", reason: "defective_item", amount: "800" }, requester);
  await slack.waitFor((c) => c.method === "chat.postMessage" && c.body.channel === APPROVALS_CHANNEL && String(c.body.text).includes(`RD-${id} `), 15_000, "the approval message");
  return id;
}

/** What a request has had happen to it: its state, answers and audit trail. */
async function traceOf(id: number) {
  const row = await db.refundRequest.findUniqueOrThrow({ where: { id } });
  return {
    state: row.state,
    version: row.version,
    approvals: await db.approval.count({ where: { requestId: id } }),
    audit: (await db.auditEvent.findMany({ where: { requestId: id }, orderBy: { id: "asc" } })).map((e) => [e.action, e.actor, (e.detail as { why?: string } | null)?.why ?? null]),
  };
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

describe("reading a request one may not read", () => {
  it("/refund status shows a timeline (approvers, reject reasons) only to the requester, approvers and members of the requests channel", async () => {
    slack.channelMembers.set(REQUESTS_CHANNEL, ["U0MEMBER", "U0AGENT"]);
    const id = await pendingRequest("U0AGENT3");
    const status = (user: string) => driver.commandAnswer("/refund", `status RD-${id}`, user);
    for (const user of ["U0AGENT3", "U0BOSS1", "U0MEMBER"]) {
      const answer = await status(user);
      expect(String(answer.body.text), user).toBe(`Timeline of RD-${id}`);
    }
    const stranger = await status("U0STRANGER");
    expect(stranger.body).toEqual({ response_type: "ephemeral", text: `:lock: Only the requester, approvers and members of <#${REQUESTS_CHANNEL}> can see RD-${id}.` });
    expect(JSON.stringify(stranger.body)).not.toContain("U0AGENT3");
    expect(slack.calls.some((c) => c.method === "conversations.members" && c.body.channel === REQUESTS_CHANNEL)).toBe(true);
  });
});

describe("deciding a request one may not decide", () => {
  it("Reject by a non-approver or by the requester is refused privately and audited; no modal opens", async () => {
    const id = await pendingRequest("U0BOSS1");
    const opened = slack.callsTo("views.open").length;
    for (const [user, why] of [["U0STRANGER", "not_an_approver"], ["U0BOSS1", "own_request"]] as const) {
      const click = await driver.click("reject_request", String(id), user);
      expect((await driver.clickAnswer(click.responseId)).body.text).toMatch(why === "own_request" ? /four eyes/ : /Only approvers/);
    }
    expect(slack.callsTo("views.open").length).toBe(opened);
    const trace = await traceOf(id);
    expect(trace.state).toBe("awaiting_approval");
    expect(trace.audit.filter(([action]) => action === "approval_refused")).toEqual([
      ["approval_refused", "U0STRANGER", "not_an_approver"],
      ["approval_refused", "U0BOSS1", "own_request"],
    ]);
  });

  it("a reject modal submitted by the requester (an approver, four eyes) or for a request not its own is refused and audited", async () => {
    const id = await pendingRequest("U0BOSS1");
    const modal = { callback_id: "reject_request_modal", private_metadata: JSON.stringify({ requestId: id }), id: "VREJECTX", type: "modal" };
    const reason = { reject_reason: { reject_reason_input: { type: "plain_text_input", value: "Not needed" } } };
    const own = await driver.submit(viewSubmission(modal, reason, "U0BOSS1"));
    expect(await own.json()).toMatchObject({ response_action: "errors", errors: { reject_reason: expect.stringContaining("four eyes") } });
    // A modal opened for another request, its metadata pointed at this one, by a non-approver.
    const other = await driver.submit(viewSubmission({ ...modal, private_metadata: JSON.stringify({ requestId: id }), id: "VREJECTY" }, reason, "U0AGENT"));
    expect(await other.json()).toMatchObject({ response_action: "errors", errors: { reject_reason: expect.stringContaining("Only approvers") } });
    for (const metadata of ["not json", "{}", JSON.stringify({ requestId: -1 }), JSON.stringify({ requestId: "1" }), JSON.stringify({ requestId: 2 ** 40 })]) {
      const res = await driver.submit(viewSubmission({ ...modal, private_metadata: metadata }, reason, "U0BOSS2"));
      expect(await res.json(), metadata).toMatchObject({ response_action: "errors", errors: { reject_reason: expect.stringContaining("out of date") } });
    }
    const trace = await traceOf(id);
    expect(trace.state).toBe("awaiting_approval");
    expect(trace.approvals).toBe(0);
    expect(trace.audit.filter(([action]) => action === "approval_refused").map(([, actor, why]) => [actor, why])).toEqual([
      ["U0BOSS1", "own_request"],
      ["U0AGENT", "not_an_approver"],
    ]);
  });

  it("guessed ids in button values name no request, or a request the clicker may not decide (audited there)", async () => {
    const id = await pendingRequest();
    for (const value of ["0", "-1", "1e3", "abc", "", " 1", "99999999999", "1 OR 1=1", "１２", "0x10", String(2 ** 31)]) {
      for (const action of ["approve_request", "reject_request"]) {
        const click = await driver.click(action, value, "U0BOSS2");
        expect((await driver.clickAnswer(click.responseId)).body.text, `${action} ${JSON.stringify(value)}`).toMatch(/does not name a request|There is no request/);
      }
    }
    const guessed = await driver.click("approve_request", String(id), "U0GUESSER");
    expect((await driver.clickAnswer(guessed.responseId)).body.text).toContain("Only approvers");
    const trace = await traceOf(id);
    expect(trace.state).toBe("awaiting_approval");
    expect(trace.audit.filter(([action]) => action === "approval_refused")).toEqual([["approval_refused", "U0GUESSER", "not_an_approver"]]);
  });

  it("a request modal whose private_metadata was tampered with files nothing", async () => {
    const shown = cyberbizOrder({ total: 1_000 });
    const small = cyberbizOrder({ total: 100 });
    const qoo10 = qoo10Order({ status: "new" });
    await upsertOrders(db, [shown, small, qoo10]);
    const view = await driver.openModal("/refund", shown.orderId);
    const metadata = JSON.parse(view.private_metadata) as Record<string, unknown>;
    const tampered: [string, string, RegExp][] = [
      ["malformed JSON", "{\"platform\":", /out of date/],
      ["an unknown platform", JSON.stringify({ ...metadata, platform: "amazon" }), /out of date/],
      ["an order not in the store", JSON.stringify({ ...metadata, orderId: "NOSUCHORDER9" }), /no longer in the order store/],
      ["the other platform", JSON.stringify({ ...metadata, platform: "qoo10" }), /no longer in the order store/],
      ["another order, with more than it can refund", JSON.stringify({ ...metadata, orderId: small.orderId }), /At most 100 TWD/],
      ["another platform's order, with a kind it does not have", JSON.stringify({ ...metadata, platform: "qoo10", orderId: qoo10.orderId }), /Choose |Pick one of/],
    ];
    for (const [what, privateMetadata, message] of tampered) {
      const res = await driver.submit(driver.fill({ ...view, private_metadata: privateMetadata }, { initiator: "store", kind: "refund", reason: "defective_item", amount: "500" }));
      const body = (await res.json()) as { response_action: string; errors: Record<string, string> };
      expect(body.response_action, what).toBe("errors");
      expect(Object.values(body.errors).join(" "), what).toMatch(message);
    }
    for (const order of [shown, small, qoo10]) expect(await db.refundRequest.count({ where: { orderId: order.orderId } })).toBe(0);
  });
});
