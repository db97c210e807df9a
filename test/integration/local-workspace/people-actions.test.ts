import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { verifySlackRequest } from "@slack/bolt";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { LocalWorkspace } from "../../../src/local-workspace/local-workspace";
import { PeopleActions } from "../../../src/local-workspace/people-actions";

const SECRET = "people-actions-secret";
const workspace = new LocalWorkspace({ signingSecret: SECRET, windowMs: 3_000, channels: [{ id: "C0REQUESTS", name: "refund-requests" }] });
const people = new PeopleActions(workspace);

/** A bot stand-in for this test only: it records what arrives, checks Slack's signature, and answers as told. */
const received: { body: string; form: URLSearchParams; json?: Record<string, unknown>; signed: boolean }[] = [];
let answer: { status: number; body: string } = { status: 200, body: "" };
let bot: Server;

function record(req: IncomingMessage, body: string): void {
  let signed = true;
  try {
    verifySlackRequest({ signingSecret: SECRET, body, headers: { "x-slack-signature": String(req.headers["x-slack-signature"]), "x-slack-request-timestamp": Number(req.headers["x-slack-request-timestamp"]) } });
  } catch {
    signed = false;
  }
  const form = new URLSearchParams(req.headers["content-type"]?.includes("json") ? "" : body);
  received.push({ body, form, ...(req.headers["content-type"]?.includes("json") ? { json: JSON.parse(body) as Record<string, unknown> } : {}), signed });
}

const last = () => received.at(-1)!;
const payload = () => JSON.parse(last().form.get("payload")!) as Record<string, unknown> & { view: Record<string, unknown>; trigger_id: string };
const modal = (title: string, extra: Record<string, unknown> = {}) => ({ type: "modal", title: { type: "plain_text", text: title }, submit: { type: "plain_text", text: "Save" }, blocks: [{ type: "input", block_id: "why", label: { type: "plain_text", text: "Why?" }, element: { type: "plain_text_input", action_id: "why_input", min_length: 3 } }], ...extra });

beforeAll(async () => {
  bot = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      record(req, body);
      res.writeHead(answer.status, answer.body ? { "content-type": "application/json" } : {}).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => bot.listen(0, "127.0.0.1", resolve));
  await workspace.start();
  workspace.eventsUrl = `http://127.0.0.1:${(bot.address() as AddressInfo).port}/slack/events`;
});
afterAll(async () => {
  await workspace.stop();
  await new Promise((resolve) => bot.close(resolve));
});
beforeEach(() => {
  answer = { status: 200, body: "" };
});

/** Opens a modal for the person the way the bot does: with the trigger id of their last action. */
async function openFor(user: string, view: Record<string, unknown>): Promise<string> {
  await people.command(user, "C0REQUESTS", "/refund", "CB1001");
  const opened = await fetch(`${workspace.apiUrl}views.open`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${workspace.botToken}` }, body: JSON.stringify({ trigger_id: last().form.get("trigger_id"), view }) });
  return ((await opened.json()) as { view: { id: string } }).view.id;
}

describe("what people do in the local workspace, as the bot receives it", () => {
  it("a slash command: a signed form with a trigger id and a response URL that answers into the channel", async () => {
    answer = { status: 200, body: JSON.stringify({ response_type: "ephemeral", text: "Usage: `/refund ORDER_ID`" }) };
    await people.type("U0MEI", "C0REQUESTS", "/refund");
    expect(last().signed).toBe(true);
    expect(Object.fromEntries(last().form)).toMatchObject({ command: "/refund", text: "", user_id: "U0MEI", channel_id: "C0REQUESTS", channel_name: "refund-requests" });
    expect(workspace.state.triggers.has(last().form.get("trigger_id")!)).toBe(true);
    const usage = workspace.state.history("C0REQUESTS").at(-1)!;
    expect(usage).toMatchObject({ text: "Usage: `/refund ORDER_ID`", visibleTo: "U0MEI" });
    await fetch(last().form.get("response_url")!, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ response_type: "in_channel", text: "Filed RD-7" }) });
    expect(workspace.state.history("C0REQUESTS").at(-1)).toMatchObject({ text: "Filed RD-7", user: "U0BOT" });
    expect(workspace.state.history("C0REQUESTS").at(-1)?.visibleTo).toBeUndefined();
  });

  it("a command the bot does not answer in time, or answers with an error, is told by Slackbot, privately", async () => {
    answer = { status: 500, body: "" };
    await people.type("U0MEI", "C0REQUESTS", "/cancel CB1001");
    expect(workspace.state.history("C0REQUESTS").at(-1)).toMatchObject({ user: "USLACKBOT", visibleTo: "U0MEI", text: '/cancel failed with the error "dispatch_failed"' });
  });

  it("a submission: Slack's own checks first, then the bot's errors, update, push and close", async () => {
    const id = await openFor("U0GRACE", modal("Reject RD-1"));
    expect(await people.submit("U0GRACE", id, { why: { why_input: { type: "plain_text_input", value: "no" } } })).toEqual({ outcome: "errors", errors: { why: "Please enter at least 3 characters." } });
    const sent = received.length;
    answer = { status: 200, body: JSON.stringify({ response_action: "errors", errors: { why: "Say why, in 3 to 500 characters" } }) };
    expect(await people.submit("U0GRACE", id, { why: { why_input: { type: "plain_text_input", value: "   x" } } })).toMatchObject({ outcome: "errors" });
    expect(received.length).toBe(sent + 1);
    expect(payload()).toMatchObject({ type: "view_submission", user: { id: "U0GRACE" }, view: { id, state: { values: { why: { why_input: { value: "   x" } } } } } });
    answer = { status: 200, body: JSON.stringify({ response_action: "push", view: modal("Are you sure?") }) };
    expect(await people.submit("U0GRACE", id, { why: { why_input: { type: "plain_text_input", value: "Duplicate" } } })).toEqual({ outcome: "pushed" });
    const stack = workspace.state.modalStack("U0GRACE");
    expect(stack.map((v) => JSON.stringify(v.view.title))).toEqual([expect.stringContaining("Reject RD-1"), expect.stringContaining("Are you sure?")]);
    answer = { status: 200, body: JSON.stringify({ response_action: "update", view: modal("Sure") }) };
    expect(await people.submit("U0GRACE", stack[1]!.id, { why: { why_input: { type: "plain_text_input", value: "Yes indeed" } } })).toEqual({ outcome: "updated" });
    answer = { status: 200, body: "" };
    expect(await people.submit("U0GRACE", stack[1]!.id, { why: { why_input: { type: "plain_text_input", value: "Yes indeed" } } })).toEqual({ outcome: "closed" });
    expect(workspace.state.modalStack("U0GRACE")).toHaveLength(1);
    answer = { status: 200, body: JSON.stringify({ response_action: "clear" }) };
    expect(await people.submit("U0GRACE", id, { why: { why_input: { type: "plain_text_input", value: "Duplicate" } } })).toEqual({ outcome: "cleared" });
    expect(workspace.state.modalStack("U0GRACE")).toHaveLength(0);
  });

  it("closing a modal tells the bot only when the view asked (notify_on_close)", async () => {
    const quiet = await openFor("U0KENJI", modal("Quiet"));
    const before = received.length;
    await people.close("U0KENJI", quiet);
    expect(received.length).toBe(before);
    const noisy = await openFor("U0KENJI", modal("Noisy", { notify_on_close: true, private_metadata: "{\"requestId\":1}" }));
    await people.close("U0KENJI", noisy);
    expect(last().signed).toBe(true);
    expect(payload()).toMatchObject({ type: "view_closed", user: { id: "U0KENJI" }, view: { id: noisy, private_metadata: "{\"requestId\":1}" } });
  });

  it("a click on a message's button: block_actions with the message, and a response URL that can replace it", async () => {
    const posted = await fetch(`${workspace.apiUrl}chat.postMessage`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${workspace.botToken}` }, body: JSON.stringify({ channel: "C0REQUESTS", text: "RD-1", blocks: [{ type: "actions", block_id: "approval_buttons_1", elements: [{ type: "button", action_id: "approve_request", value: "1", style: "primary", text: { type: "plain_text", text: "Approve" } }] }] }) });
    const ts = ((await posted.json()) as { ts: string }).ts;
    const message = workspace.state.message("C0REQUESTS", ts)!;
    expect(await people.clickMessage("U0KENJI", message, "approve_request")).toBe(true);
    expect(last().signed).toBe(true);
    expect(payload()).toMatchObject({ type: "block_actions", user: { id: "U0KENJI" }, container: { type: "message", message_ts: ts, channel_id: "C0REQUESTS" }, actions: [{ action_id: "approve_request", block_id: "approval_buttons_1", value: "1" }] });
    await fetch(String(payload().response_url), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ replace_original: true, text: "RD-1 approved" }) });
    expect(workspace.state.message("C0REQUESTS", ts)).toMatchObject({ text: "RD-1 approved" });
  });

  it("opening App Home: a signed app_home_opened event", async () => {
    await people.openHome("U0MEI");
    expect(last().signed).toBe(true);
    expect(last().json).toMatchObject({ type: "event_callback", event: { type: "app_home_opened", user: "U0MEI", tab: "home", channel: "D0MEI" } });
  });
});
