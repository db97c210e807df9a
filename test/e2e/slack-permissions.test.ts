import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client";
import { upsertOrders } from "../../src/db/orders";
import type { LocalWorkspace } from "../../src/local-workspace/local-workspace";
import { REQUESTS_CHANNEL } from "../support/app-process";
import { cyberbizOrder, qoo10Order } from "../support/orders";
import { pendingRequests } from "../support/pending-requests";
import { startSlackApp, type SlackApp } from "../support/slack-app";
import type { SlackDriver } from "../support/slack-driver";
import { viewSubmission } from "../support/slack-requests";

// Signed requests from people who may not read or decide the request they name.
let slack: LocalWorkspace;
let db: Db;
let driver: SlackDriver;
let running: SlackApp | undefined;
const { pendingRequest, traceOf } = pendingRequests(() => running);

beforeAll(async () => {
  running = await startSlackApp({ env: { REFUND_APPROVERS: "U0BOSS1,U0BOSS2" } });
  ({ slack, db, driver } = running);
});

afterAll(() => running?.stop());

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
      ["another order, with more than it can refund", JSON.stringify({ ...metadata, orderId: small.orderId }), /At most NT\$100 can be refunded/],
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
