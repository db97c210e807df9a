import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client";
import { upsertOrders } from "../../src/db/orders";
import type { LocalWorkspace } from "../../src/local-workspace/local-workspace";
import type { SlackCall } from "../../src/local-workspace/workspace-types";
import { REQUESTS_CHANNEL } from "../support/app-process";
import { cyberbizOrder } from "../support/orders";
import { startSlackApp, type SlackApp } from "../support/slack-app";
import type { SlackDriver } from "../support/slack-driver";

let slack: LocalWorkspace;
let db: Db;
let driver: SlackDriver;
let running: SlackApp | undefined;

const person = (id: string, locale: string) => ({ id, name: id.toLowerCase(), realName: id, title: "Support agent", locale, tz: "UTC" });

beforeAll(async () => {
  // Slack answers users.info with each person's locale, as it does with include_locale.
  running = await startSlackApp({ workspace: { people: [person("U0KENJI", "ja-JP"), person("U0MEI", "zh-TW"), person("U0LING", "zh-CN")] } });
  ({ slack, db, driver } = running);
});

afterAll(() => running?.stop());

const decisionIn = (orderId: string) => (c: SlackCall) =>
  (c.method === "chat.postMessage" || c.method === "chat.update") && c.body.channel === REQUESTS_CHANNEL && !c.body.thread_ts && String(c.body.text).includes(orderId) && !String(c.body.text).includes("evaluating");

/** The texts of a modal's title and submit button, which the driver's View leaves out. */
const heading = (view: object) => view as { title?: { text: string }; submit?: { text: string } };

const CJK = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe("each person's own surfaces speak their Slack language", () => {
  it("a Japanese agent's /refund modal is in Japanese; the request's message in the channel is in the team's language", async () => {
    const order = cyberbizOrder({ total: 1200 });
    await upsertOrders(db, [order]);
    const view = await driver.openModal("/refund", order.orderId, "U0KENJI");
    expect(heading(view).title?.text).toBe("注文を返金");
    expect(heading(view).submit?.text).toBe("申請する");
    expect(JSON.stringify(view.blocks)).toContain("返金可能額");
    expect(slack.callsTo("users.info").some((c) => c.body.user === "U0KENJI" && String(c.body.include_locale) === "true")).toBe(true);

    const res = await driver.submit(driver.fill(view, { initiator: "store", kind: "refund", reason: "defective_item", amount: "300" }, "U0KENJI"));
    expect(await res.text()).toBe("");
    const decision = await slack.waitFor(decisionIn(order.orderId), 15_000, "the decision message");
    expect(JSON.stringify(decision.body.blocks)).toMatch(/Rules: [^"]*C8/);
    expect(String(decision.body.text)).not.toMatch(CJK);
  });

  it("a Taiwanese agent's modal is in Traditional Chinese, and its errors too", async () => {
    const order = cyberbizOrder({ total: 1000 });
    await upsertOrders(db, [order]);
    const view = await driver.openModal("/refund", order.orderId, "U0MEI");
    expect(heading(view).title?.text).toBe("訂單退款");
    expect(JSON.stringify(view.blocks)).toContain("可退款餘額");
    const res = await driver.submit(driver.fill(view, { initiator: "store", kind: "refund", reason: "defective_item", amount: "5000" }, "U0MEI"));
    expect(await res.json()).toEqual({ response_action: "errors", errors: { amount: "最多可退款 $1,000（總額 $1,000 − 已退款 $0）。" } });
  });

  it("a reply to a command is in the sender's language: /refund help in Simplified Chinese, and in English for someone with no locale of ours", async () => {
    const help = (await (await driver.command("/refund", "help", "U0LING")).json()) as { text: string };
    expect(help.text).toContain("审批人");
    const english = (await (await driver.command("/refund", "help", "U0AGENT")).json()) as { text: string };
    expect(english.text).toContain("asks an approver");
  });
});
