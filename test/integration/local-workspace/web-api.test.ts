import { WebClient, type WebAPIPlatformError } from "@slack/web-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalWorkspace } from "../../../src/local-workspace/local-workspace";

const TOKEN = "xoxb-web-api-test";
const workspace = new LocalWorkspace({
  botToken: TOKEN,
  windowMs: 3_000,
  channels: [{ id: "C0REQUESTS", name: "refund-requests" }],
  people: [{ id: "U0KENJI", name: "kenji", realName: "Kenji Sato", title: "Approver", locale: "ja-JP", tz: "Asia/Tokyo" }],
  userGroups: { S0MANAGERS: ["U0KENJI"] },
});
let client: WebClient;

/** The error code Slack's own client throws for a refused call. */
async function errorOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    return (error as WebAPIPlatformError).data?.error ?? String(error);
  }
  return "no error";
}

const modal = (title = "Refund an order") => ({ type: "modal" as const, title: { type: "plain_text" as const, text: title }, close: { type: "plain_text" as const, text: "Close" }, blocks: [{ type: "section" as const, text: { type: "mrkdwn" as const, text: "*CB1001*" } }] });

beforeAll(async () => {
  await workspace.start();
  client = new WebClient(TOKEN, { slackApiUrl: workspace.apiUrl, retryConfig: { retries: 0 } });
});
afterAll(() => workspace.stop());

describe("the local workspace's Web API, through Slack's own client", () => {
  it("keeps messages, threads and updates in place, and refuses what Slack refuses", async () => {
    expect(await client.auth.test()).toMatchObject({ ok: true, user_id: "U0BOT", team_id: "T0LOCAL" });
    const posted = await client.chat.postMessage({ channel: "C0REQUESTS", text: "RD-1 filed", blocks: [{ type: "section", text: { type: "mrkdwn", text: "*RD-1* filed" } }] });
    await client.chat.postMessage({ channel: "C0REQUESTS", thread_ts: posted.ts!, text: "Approved" });
    await client.chat.update({ channel: "C0REQUESTS", ts: posted.ts!, text: "RD-1 approved", blocks: [{ type: "section", text: { type: "mrkdwn", text: "*RD-1* approved" } }] });
    const replies = await client.conversations.replies({ channel: "C0REQUESTS", ts: posted.ts! });
    expect(replies.messages?.map((m) => m.text)).toEqual(["RD-1 approved", "Approved"]);
    expect(replies.messages?.[0]?.edited).toBeDefined();

    expect(await errorOf(client.chat.postMessage({ channel: "C0NOWHERE", text: "x" }))).toBe("channel_not_found");
    expect(await errorOf(client.chat.update({ channel: "C0REQUESTS", ts: "1.000001", text: "x" }))).toBe("message_not_found");
    expect(await errorOf(client.chat.postMessage({ channel: "C0REQUESTS", text: "x", blocks: [{ type: "section", text: { type: "mrkdwn", text: "y".repeat(3001) } }] }))).toBe("invalid_blocks");
    expect(await errorOf(client.chat.postMessage({ channel: "C0REQUESTS", text: "x", blocks: [{ type: "bogus" } as never] }))).toBe("invalid_blocks");
    expect(await errorOf(new WebClient("xoxb-other", { slackApiUrl: workspace.apiUrl, retryConfig: { retries: 0 } }).auth.test())).toBe("invalid_auth");
  });

  it("opens a view only with a trigger id it gave out, once, within Slack's 3 seconds", async () => {
    expect(await errorOf(client.views.open({ trigger_id: "made.up", view: modal() }))).toBe("invalid_trigger_id");
    const trigger = workspace.state.issueTrigger("U0KENJI");
    const opened = await client.views.open({ trigger_id: trigger, view: modal() });
    expect(workspace.state.modalStack("U0KENJI").map((v) => v.id)).toEqual([opened.view!.id]);
    expect(await errorOf(client.views.open({ trigger_id: trigger, view: modal() }))).toBe("exchanged_trigger_id");
    const old = workspace.state.issueTrigger("U0KENJI");
    workspace.state.triggers.get(old)!.at -= 3_001;
    expect(await errorOf(client.views.open({ trigger_id: old, view: modal() }))).toBe("expired_trigger_id");
    expect(await errorOf(client.views.open({ trigger_id: workspace.state.issueTrigger("U0KENJI"), view: modal("A title far too long for a modal") }))).toBe("invalid_arguments");
  });

  it("updates a view by id and hash, and answers view_not_found and hash_conflict as Slack does", async () => {
    const opened = await client.views.open({ trigger_id: workspace.state.issueTrigger("U0KENJI"), view: modal() });
    const updated = await client.views.update({ view_id: opened.view!.id!, hash: opened.view!.hash!, view: modal("Review") });
    expect(updated.view?.id).toBe(opened.view!.id);
    expect(updated.view?.hash).not.toBe(opened.view!.hash);
    expect(await errorOf(client.views.update({ view_id: opened.view!.id!, hash: opened.view!.hash!, view: modal() }))).toBe("hash_conflict");
    expect(await errorOf(client.views.update({ view_id: "V0GONE", view: modal() }))).toBe("view_not_found");
    const pushed = await client.views.push({ trigger_id: workspace.state.issueTrigger("U0KENJI"), view: modal("Reject RD-1") });
    expect(workspace.state.modalStack("U0KENJI").map((v) => v.id)).toEqual([opened.view!.id, pushed.view!.id]);
  });

  it("tells who people are, their locale when asked, and who is in a user group", async () => {
    const plain = await client.users.info({ user: "U0KENJI" });
    expect(plain.user).toMatchObject({ id: "U0KENJI", real_name: "Kenji Sato", tz: "Asia/Tokyo" });
    expect(plain.user?.locale).toBeUndefined();
    expect((await client.users.info({ user: "U0KENJI", include_locale: true })).user?.locale).toBe("ja-JP");
    expect(await errorOf(client.users.info({ user: "U0NOBODY" }))).toBe("user_not_found");
    expect((await client.usergroups.users.list({ usergroup: "S0MANAGERS" })).users).toEqual(["U0KENJI"]);
    expect(await errorOf(client.usergroups.users.list({ usergroup: "S0NONE" }))).toBe("no_such_subteam");
  });

  it("serves a person's uploaded file through files.info and the download, to the bot token only", async () => {
    const id = workspace.hostFile("orders.csv", "CB1001,out_of_stock\n");
    const info = await client.files.info({ file: id });
    const url = info.file!.url_private_download!;
    expect(await (await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } })).text()).toBe("CB1001,out_of_stock\n");
    expect(await (await fetch(url)).text()).toContain("Sign in");
    expect(await errorOf(client.files.info({ file: "F0NONE" }))).toBe("file_not_found");
  });

  it("answers a response URL into the channel it came from, privately, and only five times", async () => {
    const url = workspace.responseUrl(undefined, { channel: "C0REQUESTS", user: "U0KENJI" });
    for (let i = 0; i < 5; i++) expect((await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: `answer ${i}` }) })).status).toBe(200);
    expect((await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: "sixth" }) })).status).toBe(404);
    const answers = workspace.state.history("C0REQUESTS").filter((m) => m.text.startsWith("answer"));
    expect(answers).toHaveLength(5);
    expect(answers.every((m) => m.visibleTo === "U0KENJI")).toBe(true);
  });
});
