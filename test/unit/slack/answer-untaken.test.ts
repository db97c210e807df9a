import { App } from "@slack/bolt";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { click, noReceiver, send, submission, team, user } from "../../support/bolt-events";
import { answerInTime } from "../../../src/slack/listeners/answer-in-time";
import { wordsFor } from "../../../src/presentation/words";
import { answerUntaken } from "../../../src/slack/listeners/answer-untaken";

const BUTTON_NO_LONGER_IN_USE = wordsFor("en").t("replies.button_no_longer_in_use");
const FORM_NO_LONGER_IN_USE = wordsFor("en").t("replies.form_no_longer_in_use");

const log = pino({ level: "silent" });


/** A Bolt app as the bot registers its listeners: the untaken answer first, each listener in time. */
function boltApp() {
  const app = new App({ receiver: noReceiver, authorize: async () => ({ botToken: "xoxb-test", botUserId: "U0BOT" }) });
  const taken: string[] = [];
  const posts: unknown[] = [];
  const inTime = answerInTime(log);
  app.use(answerUntaken(log));
  app.action("approve_request", inTime(async ({ ack }) => void (await ack!(), taken.push("approve"))));
  app.view("request_modal", inTime(async ({ ack }) => void (await ack!(), taken.push("request modal"))));
  app.command("/refund", inTime(async ({ ack }) => void (await ack!(), taken.push("/refund"))));
  // A click's private word from App Home is a direct message: Bolt's client would call Slack.
  app.use(async (args) => {
    (args.client.chat as unknown as { postMessage: (m: unknown) => Promise<void> }).postMessage = async (message) => void posts.push(message);
    await args.next();
  });
  return { app, taken, posts };
}

const command = (name: string) => ({ command: name, text: "", team_id: "T1", user_id: "U1", channel_id: "C1", trigger_id: "t" });

describe("answerUntaken: a signed request no listener takes is answered at once", () => {
  it("leaves what a listener took to it, whatever its kind", async () => {
    const { app, taken } = boltApp();
    expect(await send(app, click("approve_request"))).toEqual([undefined]);
    expect(await send(app, submission("request_modal"))).toEqual([undefined]);
    expect(await send(app, command("/refund"))).toEqual([undefined]);
    expect(taken).toEqual(["approve", "request modal", "/refund"]);
  });

  it("tells the clicker of a button no longer in use, privately; replaces a form no longer in use by a note", async () => {
    const { app, taken, posts } = boltApp();
    expect(await send(app, click("approve_request_v0"))).toEqual([undefined]);
    expect(posts).toEqual([{ channel: "U1", text: BUTTON_NO_LONGER_IN_USE }]);
    const [formAnswer] = await send(app, submission("request_modal_v0"));
    expect(JSON.stringify(formAnswer)).toContain(FORM_NO_LONGER_IN_USE);
    expect(taken).toEqual([]);
  });

  it("answers a command of another app in words, and acknowledges anything else", async () => {
    const { app } = boltApp();
    expect(await send(app, command("/refunds"))).toEqual([{ response_type: "ephemeral", text: "`/refunds` is not a Refund Desk command: use `/refund` or `/cancel` (`/refund help`)." }]);
    expect(await send(app, { type: "shortcut", team, user, callback_id: "x", trigger_id: "t" })).toEqual([undefined]);
    // A closed modal is no submission: nobody takes it, and it is only acknowledged.
    expect(await send(app, { ...submission("request_modal"), type: "view_closed" })).toEqual([undefined]);
  });
});
