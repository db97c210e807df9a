import { App } from "@slack/bolt";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { click, noReceiver, send, submission } from "../../support/bolt-events";
import { answerInTime } from "../../../src/slack/listeners/answer-in-time";
import { answerUntaken } from "../../../src/slack/listeners/answer-untaken";
import { ListenerRegistry } from "../../../src/slack/listeners/listener-registry";

const log = pino({ level: "silent" });

/** A Bolt app wired as the bot wires it: the untaken answer, then the registry's one dispatch. */
function boltApp() {
  const app = new App({ receiver: noReceiver, authorize: async () => ({ botToken: "xoxb-test", botUserId: "U0BOT" }) });
  const taken: string[] = [];
  const inTime = answerInTime(log);
  const listeners = new ListenerRegistry();
  listeners.action("approve_request", inTime(async ({ ack }) => void (await ack!(), taken.push("approve"))));
  listeners.action("reject_request", inTime(async ({ ack }) => void (await ack!(), taken.push("reject"))));
  listeners.view("request_modal", inTime(async ({ ack }) => void (await ack!(), taken.push("request modal"))));
  listeners.command("/refund", inTime(async ({ ack }) => void (await ack!(), taken.push("/refund"))));
  listeners.command("/cancel", inTime(async ({ ack }) => void (await ack!(), taken.push("/cancel"))));
  listeners.event("app_home_opened", inTime(async () => void taken.push("home")));
  app.use(answerUntaken(log));
  app.use(listeners.dispatch());
  return { app, taken };
}

const command = (name: string) => ({ command: name, text: "", team_id: "T1", user_id: "U1", channel_id: "C1", trigger_id: "t" });
const homeOpened = { type: "event_callback", team_id: "T1", event: { type: "app_home_opened", user: "U1", channel: "D1", tab: "home" }, event_id: "Ev1", event_time: 1 };

describe("ListenerRegistry: listeners registered as on Bolt's App, found by id", () => {
  it("runs the listener of each request's id, and only that one", async () => {
    const { app, taken } = boltApp();
    await send(app, click("reject_request"));
    await send(app, command("/cancel"));
    await send(app, submission("request_modal"));
    await send(app, homeOpened);
    await send(app, click("approve_request"));
    expect(taken).toEqual(["reject", "/cancel", "request modal", "home", "approve"]);
  });

  it("hands a request with no listener on, to be answered as untaken", async () => {
    const { app, taken } = boltApp();
    const [answer] = await send(app, command("/refnud"));
    expect(JSON.stringify(answer)).toContain("is not a Refund Desk command");
    await send(app, submission("request_modal", "view_closed"));
    expect(taken).toEqual([]);
  });

  it("refuses two listeners for one id", () => {
    const listeners = new ListenerRegistry();
    listeners.action("approve_request", async () => undefined);
    expect(() => listeners.action("approve_request", async () => undefined)).toThrow(/action:approve_request/);
    expect(() => listeners.view("approve_request", async () => undefined)).not.toThrow();
  });
});
