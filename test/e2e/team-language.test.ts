import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client";
import { upsertOrders } from "../../src/db/orders";
import type { LocalWorkspace } from "../../src/local-workspace/local-workspace";
import type { SlackCall } from "../../src/local-workspace/workspace-types";
import { APPROVALS_CHANNEL, REQUESTS_CHANNEL } from "../support/app-process";
import { cyberbizOrder } from "../support/orders";
import { startSlackApp, type SlackApp } from "../support/slack-app";
import type { SlackDriver } from "../support/slack-driver";

let slack: LocalWorkspace;
let db: Db;
let driver: SlackDriver;
let running: SlackApp | undefined;

beforeAll(async () => {
  // A Japanese team whose approvers read Traditional Chinese in their own channel.
  running = await startSlackApp({ env: { REFUND_DESK_LOCALE: "ja" }, config: `channels:\n  locales:\n    ${APPROVALS_CHANNEL}: zh-TW\n` });
  ({ slack, db, driver } = running);
});

afterAll(() => running?.stop());

const postedIn = (channel: string, orderId: string, says: string) => (c: SlackCall) =>
  (c.method === "chat.postMessage" || c.method === "chat.update") && c.body.channel === channel && !c.body.thread_ts && String(c.body.text).includes(orderId) && String(c.body.text).includes(says);

describe("a team that speaks Japanese", () => {
  it("reads the decision in the requests channel in Japanese, and its approvers theirs in Traditional Chinese", async () => {
    const order = cyberbizOrder({ status: "delivered", total: 1200 });
    await upsertOrders(db, [order]);
    const view = await driver.openModal("/refund", order.orderId);
    const res = await driver.submit(driver.fill(view, { initiator: "store", kind: "refund", reason: "defective_item", amount: "300" }));
    expect(await res.text()).toBe("");

    const decision = await slack.waitFor(postedIn(REQUESTS_CHANNEL, order.orderId, "承認待ち"), 15_000, "the decision message in Japanese");
    expect(String(decision.body.text)).toContain(`返金 · Cyberbiz 注文 ${order.orderId}`);
    const blocks = JSON.stringify(decision.body.blocks);
    for (const said of ["*申請者*", "*金額*\\nNT$300", "*理由*\\n不良品", "*状態*\\n承認待ち", "ルール："]) expect(blocks).toContain(said);
    expect(blocks).not.toMatch(/Requested by|Reason|waiting for approval|Rules:/);

    const approval = await slack.waitFor(postedIn(APPROVALS_CHANNEL, order.orderId, "需要核准"), 15_000, "the approval message in Traditional Chinese");
    const buttons = JSON.stringify(approval.body.blocks);
    expect(buttons).toContain('"text":"核准"');
    expect(buttons).toContain('"text":"駁回"');
    expect(buttons).toContain("*狀態*\\n待核准");
  });
});
