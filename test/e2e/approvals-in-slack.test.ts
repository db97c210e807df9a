import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client";
import { upsertOrders } from "../../src/db/orders";
import type { LocalWorkspace } from "../../src/local-workspace/local-workspace";
import type { SlackCall } from "../../src/local-workspace/workspace-types";
import { APPROVALS_CHANNEL, REQUESTS_CHANNEL } from "../support/app-process";
import { cyberbizOrder } from "../support/orders";
import { startSlackApp, type SlackApp } from "../support/slack-app";
import type { SlackDriver } from "../support/slack-driver";
import { viewSubmission } from "../support/slack-requests";

const POLICY = `
approvers: { users: [U0BOSS1], userGroup: S0MANAGERS }
thresholds:
  TWD: { autoApproveUpTo: 0, singleApproverUpTo: 10000 }
`;

let slack: LocalWorkspace;
let db: Db;
let driver: SlackDriver;
let running: SlackApp | undefined;

beforeAll(async () => {
  running = await startSlackApp({ workspace: { userGroups: { S0MANAGERS: ["U0BOSS2"] } }, config: POLICY });
  ({ slack, db, driver } = running);
});

afterAll(() => running?.stop());

async function pendingRequest(requester = "U0AGENT"): Promise<{ id: number; approval: SlackCall }> {
  const order = cyberbizOrder({ total: 2_000 });
  await upsertOrders(db, [order]);
  const id = await driver.fileRequest("/refund", order.orderId, { initiator: "store", kind: "refund", reason: "defective_item", amount: "800" }, requester);
  const approval = await slack.waitFor((c) => c.method === "chat.postMessage" && c.body.channel === APPROVALS_CHANNEL && String(c.body.text).includes(`RD-${id} `), 10_000, "the approval message");
  return { id, approval };
}

const stateOf = async (id: number) => (await db.refundRequest.findUniqueOrThrow({ where: { id } })).state;

describe("approving in Slack", () => {
  it("asks in the approvals channel with Approve / Reject, and refuses the requester and a non-approver privately", async () => {
    // An approver files this one: even so, they cannot approve it themselves.
    const { id, approval } = await pendingRequest("U0BOSS1");
    const blocks = JSON.stringify(approval.body.blocks);
    expect(blocks).toMatch(/"action_id":"approve_request".*"value":"\d+"/);
    expect(blocks).toContain("<@U0BOSS1>");
    expect(blocks).toMatch(/Rules: [^"]*C8/);

    const own = await driver.click("approve_request", String(id), "U0BOSS1");
    expect((await driver.clickAnswer(own.responseId)).body).toMatchObject({ response_type: "ephemeral", text: expect.stringContaining("four eyes") });
    const stranger = await driver.click("approve_request", String(id), "U0STRANGER");
    expect((await driver.clickAnswer(stranger.responseId)).body.text).toContain("Only approvers");
    const guessed = await driver.click("approve_request", "99999999", "U0BOSS2");
    expect((await driver.clickAnswer(guessed.responseId)).body.text).toContain("no request RD-99999999");
    expect(await stateOf(id)).toBe("awaiting_approval");
    expect((await db.auditEvent.findMany({ where: { requestId: id, action: "approval_refused" } })).map((e) => (e.detail as { why: string }).why)).toEqual(["own_request", "not_an_approver"]);
  });

  it("Approve by a member of the approvers' user group: the message is updated in place, without buttons, saying who", async () => {
    const { id, approval } = await pendingRequest();
    const click = await driver.click("approve_request", String(id), "U0BOSS2");
    expect(click.res.status).toBe(200);
    expect((await driver.clickAnswer(click.responseId)).body.text).toBe(`Approved RD-${id}.`);
    const updated = await slack.waitFor((c) => c.method === "chat.update" && c.body.ts === approval.response?.ts && JSON.stringify(c.body.blocks).includes("Approved by <@U0BOSS2>"), 10_000, "the approval message updated");
    expect(JSON.stringify(updated.body.blocks)).not.toContain("approve_request");
    const again = await driver.click("approve_request", String(id), "U0BOSS1");
    expect((await driver.clickAnswer(again.responseId)).body.text).toMatch(new RegExp(`RD-${id} was already approved by <@U0BOSS2>`));
    const reply = await slack.waitFor((c) => c.method === "chat.postMessage" && Boolean(c.body.thread_ts) && String(c.body.text).includes("Approved by <@U0BOSS2>"), 10_000, "the thread reply");
    expect(reply.body.channel).toBe("C0REQUESTS");
  });

  it("Reject opens a modal that requires a reason; the decision and the reason land in the message and the audit trail", async () => {
    const { id, approval } = await pendingRequest();
    await driver.click("reject_request", String(id), "U0BOSS1");
    const opened = await slack.waitFor((c) => c.method === "views.open" && JSON.stringify(c.body.view).includes(`Reject RD-${id}`), 10_000, "the reject modal");
    const modal = { ...(opened.body.view as Record<string, unknown>), id: "VREJECT" };
    const empty = await driver.submit(viewSubmission(modal, { reject_reason: { reject_reason_input: { type: "plain_text_input", value: " " } } }, "U0BOSS1"));
    expect(await empty.json()).toMatchObject({ response_action: "errors", errors: { reject_reason: expect.stringContaining("Say why") } });
    // Someone else submitting the modal (a forged or replayed view) is refused just the same.
    const forged = await driver.submit(viewSubmission(modal, { reject_reason: { reject_reason_input: { type: "plain_text_input", value: "I say so" } } }, "U0AGENT"));
    expect(await forged.json()).toMatchObject({ response_action: "errors", errors: { reject_reason: expect.stringContaining("Only approvers") } });
    const ok = await driver.submit(viewSubmission(modal, { reject_reason: { reject_reason_input: { type: "plain_text_input", value: "Duplicate of RD-1" } } }, "U0BOSS1"));
    expect(await ok.text()).toBe("");
    expect(await stateOf(id)).toBe("denied");
    const updated = await slack.waitFor((c) => c.method === "chat.update" && c.body.ts === approval.response?.ts && JSON.stringify(c.body.blocks).includes("Rejected by <@U0BOSS1>"), 10_000, "the approval message updated");
    expect(JSON.stringify(updated.body.blocks)).toContain("Duplicate of RD-1");
    expect(JSON.stringify(updated.body.blocks)).not.toContain("reject_request");
  });

  it("App Home shows approvers what waits for them, with the buttons, and refreshes when it changes", async () => {
    const { id } = await pendingRequest();
    await driver.event({ type: "app_home_opened", user: "U0BOSS1", channel: "D0BOSS1", tab: "home", event_ts: String(Date.now() / 1000) });
    const home = await slack.waitFor((c) => c.method === "views.publish" && c.body.user_id === "U0BOSS1" && JSON.stringify(c.body.view).includes(`*RD-${id}*`), 10_000, "the approver's App Home");
    expect(JSON.stringify(home.body.view)).toContain(`"block_id":"approval_buttons_${id}"`);
    expect(JSON.stringify(home.body.view)).toContain(`"action_id":"approve_request"`);
    // The count in the header is of the same requests as the list (fewer than 20 wait in this file).
    const waitingCount = Number(/Waiting for me \((\d+)\)/.exec(JSON.stringify(home.body.view))?.[1]);
    expect(waitingCount).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(home.body.view).match(/"block_id":"approval_buttons_/g)).toHaveLength(waitingCount);
    const published = slack.callsTo("views.publish").length;
    const click = await driver.click("approve_request", String(id), "U0BOSS1", "home");
    expect(click.res.status).toBe(200);
    // No response_url on App Home: the answer comes as a direct message, and the home is redrawn without it.
    await slack.waitFor((c) => c.method === "chat.postMessage" && c.body.channel === "U0BOSS1" && c.body.text === `Approved RD-${id}.`, 10_000, "the direct answer");
    const refreshed = await slack.waitFor((c) => c.method === "views.publish" && c.body.user_id === "U0BOSS1" && slack.callsTo("views.publish").indexOf(c) >= published, 10_000, "the refreshed home");
    expect(JSON.stringify(refreshed.body.view)).not.toContain(`approval_buttons_${id}"`);
    await driver.event({ type: "app_home_opened", user: "U0AGENT", channel: "D0AGENT", tab: "home", event_ts: String(Date.now() / 1000) });
    const agentHome = await slack.waitFor((c) => c.method === "views.publish" && c.body.user_id === "U0AGENT", 10_000, "the agent's App Home");
    expect(JSON.stringify(agentHome.body.view)).toContain("My open requests");
    expect(JSON.stringify(agentHome.body.view)).not.toContain("Waiting for me");
  });

  it("/refund status shows the timeline from the audit trail, privately", async () => {
    const { id } = await pendingRequest("U0BOSS2");
    await driver.clickAnswer((await driver.click("approve_request", String(id), "U0BOSS2")).responseId);
    // The agent asking is a member of the requests channel, where every request is posted.
    slack.channelMembers.set(REQUESTS_CHANNEL, ["U0AGENT"]);
    const answer = await driver.commandAnswer("/refund", `status RD-${id}`);
    expect(answer.body.response_type).toBe("ephemeral");
    const text = JSON.stringify(answer.body.blocks);
    expect(text).toContain("filed it from slack");
    expect(text).toMatch(/decided: allowed by rules [^"]*C8/);
    expect(text).toContain("was refused (their own request)");
  });

  it("/refund report sends approvers the CSV as a file, and refuses others", async () => {
    const { id } = await pendingRequest();
    const refused = await driver.command("/refund", "report", "U0AGENT");
    expect(await refused.json()).toMatchObject({ text: expect.stringContaining("Only approvers") });
    const asked = await driver.command("/refund", "report", "U0BOSS1");
    expect(await asked.json()).toMatchObject({ response_type: "ephemeral", text: expect.stringContaining("Preparing the report") });
    const done = await slack.waitFor((c) => c.method === "files.completeUploadExternal", 15_000, "the uploaded report");
    expect(done.body.channel_id).toBe("D0BOSS1");
    const [fileId] = [...slack.uploads.keys()];
    const records = parse(slack.uploads.get(fileId!)!, { columns: true }) as { request_id: string; state: string }[];
    expect(records.find((r) => r.request_id === `RD-${id}`)?.state).toBe("awaiting_approval");
  });
});
